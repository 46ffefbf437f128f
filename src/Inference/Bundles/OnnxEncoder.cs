using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Triplanes;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// Runs a bundle's encoder: the aligned crop (and face parameters, when the bundle declares them) in, one frame of
/// triplanes out. The input tensor is filled as model.json's "encoder.image" prescribes; the output is bound straight to
/// the <see cref="Triplanes"/> buffer, so ONNX Runtime writes it in place and refuses an output of another shape.
/// Thread-safe: each call uses its own input buffers (ONNX Runtime's Run is thread-safe).
/// </summary>
public sealed class OnnxEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ModelManifest _manifest;
    private readonly long[] _outputShape;

    internal OnnxEncoder(InferenceSession session, ModelManifest manifest)
    {
        _session = session;
        _manifest = manifest;
        _outputShape = EncoderContract.OutputShape(manifest.Triplanes);
    }

    /// <summary>Side of the square crop the encoder takes, pixels.</summary>
    public int InputSize => _manifest.Encoder.Image.Size;

    /// <summary>The face-parameter input, or null when the encoder takes the crop alone.</summary>
    public FaceInputSpec? FaceInput => _manifest.Encoder.Face;

    public TriplaneLayout Layout => _manifest.Triplanes.Layout;

    public Triplanes.Triplanes Encode(RgbImage crop, ReadOnlySpan<float> faceParameters)
    {
        var triplanes = new Triplanes.Triplanes(Layout);
        Encode(crop, faceParameters, triplanes);
        return triplanes;
    }

    /// <summary>Encodes into <paramref name="destination"/> (reused across frames by a pipeline that owns it).</summary>
    public void Encode(RgbImage crop, ReadOnlySpan<float> faceParameters, Triplanes.Triplanes destination)
    {
        ArgumentNullException.ThrowIfNull(crop);
        ArgumentNullException.ThrowIfNull(destination);
        var image = _manifest.Encoder.Image;
        if (crop.Width != image.Size || crop.Height != image.Size)
        {
            throw new ArgumentException($"encoder takes a {image.Size}×{image.Size} crop, got {crop.Width}×{crop.Height}", nameof(crop));
        }
        if (destination.Layout != Layout)
        {
            throw new ArgumentException("destination triplanes have another layout than the bundle's", nameof(destination));
        }
        var face = _manifest.Encoder.Face;
        if (faceParameters.Length != (face?.Length ?? 0))
        {
            throw new ArgumentException($"encoder takes {face?.Length ?? 0} face parameters, got {faceParameters.Length}", nameof(faceParameters));
        }

        var names = new List<string> { image.Name };
        using var imageValue = OrtValue.CreateTensorValueFromMemory(ImageTensor.Fill(crop, image), [1, 3, image.Size, image.Size]);
        var values = new List<OrtValue> { imageValue };
        using var faceValue = face is null ? null : OrtValue.CreateTensorValueFromMemory(faceParameters.ToArray(), [1, face.Length]);
        if (face is not null)
        {
            names.Add(face.Name);
            values.Add(faceValue!);
        }
        using var output = OrtValue.CreateTensorValueFromMemory(destination.Data, _outputShape);
        try
        {
            _session.Run(null, names, values, [_manifest.Triplanes.Output], [output]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelBundleException($"{_manifest.Encoder.File}: run failed, e.g. output \"{_manifest.Triplanes.Output}\" is not [{string.Join(", ", _outputShape)}] as model.json declares ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    public void Dispose() => _session.Dispose();
}
