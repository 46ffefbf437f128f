using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Tfjs;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces.Recognition;

/// <summary>
/// Face identity embeddings from a descriptor network (<see cref="FaceDescriptorModel"/>: HSE's face descriptor by
/// default, or BecauseofAI's MobileFace), TF.js graph converted to ONNX at load. <see cref="Align"/> cuts the face
/// from a BlazeFace detection as the network wants it, roll removed. One instance owns one input buffer: call it from
/// one thread at a time.
/// </summary>
public sealed class FaceEmbedder : IDisposable
{
    /// <summary>Keras' imagenet_utils.preprocess_input, mode "caffe": the means of ImageNet's B, G, R channels.</summary>
    private static readonly float[] CaffeMeans = [103.939f, 116.779f, 123.68f];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly float[] _input;

    /// <param name="model">The descriptor; <see cref="FaceDescriptorModel.Hse"/> when null.</param>
    /// <param name="modelJson">The TF.js model file; the model's <see cref="FaceDescriptorModel.DefaultPath"/> when null.</param>
    public FaceEmbedder(OnnxSessionFactory sessions, FaceDescriptorModel? model = null, string? modelJson = null)
    {
        Model = model ?? FaceDescriptorModel.Hse;
        _session = TfjsSessions.Create(sessions, modelJson ?? Model.DefaultPath);
        _inputName = _session.InputNames[0];
        _input = new float[InputSize * InputSize * 3];
    }

    public FaceDescriptorModel Model { get; }

    /// <summary>The side of the square crop the network takes.</summary>
    public int InputSize => Model.InputSize;

    /// <summary>
    /// The box crop (<see cref="DescriptorCrop.FaceBox"/>): BlazeFace's box (or 2.1 eye distances, whichever is larger)
    /// and 10 % of it on every side — about the MTCNN box plus margin HSE's network was fed — centred on the box,
    /// eyes level.
    /// </summary>
    public static FaceFraming BoxFraming { get; } = new() { CropScale = 1.2f };

    /// <summary>The network's input crop of <paramref name="face"/> in <paramref name="image"/>.</summary>
    public RgbImage Align(RgbImage image, FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(face);
        return Model.Crop == DescriptorCrop.ArcFaceTemplate
            ? ImageWarp.Crop(image, ArcFaceTemplate.CropToImage(face.Keypoints, InputSize), InputSize)
            : FaceAligner.Align(image, face, InputSize, BoxFraming).Crop;
    }

    /// <summary>The embedding of <paramref name="face"/> in <paramref name="image"/>.</summary>
    public FaceEmbedding Embed(RgbImage image, FaceDetection face) => Embed(Align(image, face));

    /// <summary>The embedding of a crop already cut to <see cref="InputSize"/>², e.g. by <see cref="Align"/>.</summary>
    public FaceEmbedding Embed(RgbImage crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        if (crop.Width != InputSize || crop.Height != InputSize)
        {
            throw new ArgumentException($"the {Model.Name} face descriptor takes a {InputSize}×{InputSize} crop, got {crop.Width}×{crop.Height}", nameof(crop));
        }
        var (pixels, caffe) = (crop.Pixels, Model.Pixels == DescriptorPixels.CaffeBgr);
        for (var i = 0; i < pixels.Length; i += 3)
        {
            for (var c = 0; c < 3; c++)
            {
                _input[i + c] = caffe ? pixels[i + 2 - c] - CaffeMeans[c] : pixels[i + c];
            }
        }
        using var input = OrtValue.CreateTensorValueFromMemory(_input, [1, InputSize, InputSize, 3]);
        using var outputs = _session.Run(_runOptions, [_inputName], [input], [Model.EmbeddingOutput]);
        return new FaceEmbedding(outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
