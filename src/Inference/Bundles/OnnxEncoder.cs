using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// Runs a bundle's encoder: the aligned crop (and face parameters, when the bundle declares them) in, one frame of
/// triplanes out. The input tensor is filled as model.json's "encoder.image" prescribes; the output is bound straight to
/// the <see cref="Triplanes"/> buffer, so ONNX Runtime writes it in place and refuses an output of another shape.
/// Thread-safe: each call rents its own input buffers from the shared array pool (ONNX Runtime's Run is thread-safe),
/// so a frame allocates nothing but the small OrtValue wrappers.
/// </summary>
public sealed class OnnxEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ModelManifest _manifest;
    private readonly long[] _outputShape;
    private readonly string[] _inputNames;   // image, then face, matte and surround when declared: the order Encode binds them in

    internal OnnxEncoder(InferenceSession session, ModelManifest manifest)
    {
        _session = session;
        _manifest = manifest;
        _outputShape = EncoderContract.OutputShape(manifest.Triplanes);
        _inputNames = new[] { manifest.Encoder.Image.Name, manifest.Encoder.Face?.Name, manifest.Encoder.Matte?.Name, manifest.Encoder.Surround?.Name }
            .OfType<string>().ToArray();
    }

    /// <summary>Side of the square crop the encoder takes, pixels.</summary>
    public int InputSize => _manifest.Encoder.Image.Size;

    /// <summary>The face-parameter input, or null when the encoder takes the crop alone.</summary>
    public FaceInputSpec? FaceInput => _manifest.Encoder.Face;

    /// <summary>How the face aligner cuts the crop this encoder takes.</summary>
    public FaceFraming Framing => _manifest.Encoder.Framing;

    /// <summary>Whether the encoder takes the person matte of the crop beside it (<see cref="AlignedFace.Matte"/>).</summary>
    public bool TakesMatte => _manifest.Encoder.Matte is not null;

    /// <summary>The camera picture around the crop the encoder takes (<see cref="AlignedFace.Surround"/>), or null when it takes none.</summary>
    public SurroundInputSpec? SurroundInput => _manifest.Encoder.Surround;

    public TriplaneLayout Layout => _manifest.Triplanes.Layout;

    /// <summary>
    /// Encodes an aligned face: its crop, plus the face parameters model.json declares (if any: its keypoints or mesh)
    /// and its person matte when the encoder takes one.
    /// </summary>
    public Triplanes Encode(AlignedFace face)
    {
        var triplanes = new Triplanes(Layout);
        Encode(face, triplanes);
        return triplanes;
    }

    /// <inheritdoc cref="Encode(AlignedFace)"/>
    public void Encode(AlignedFace face, Triplanes destination)
    {
        ArgumentNullException.ThrowIfNull(face);
        if (TakesMatte && face.Matte is null)
        {
            throw new ArgumentException("the encoder takes the person matte, and this face has none: run the person matte on its crop", nameof(face));
        }
        // A face may carry a matte an encoder does not take (it was cut for another bundle, or the background layer's).
        Encode(face.Crop, FaceParameters.For(_manifest.Encoder.Face, face), TakesMatte ? face.Matte : default, destination, face.Surround);
    }

    public Triplanes Encode(RgbImage crop, ReadOnlySpan<float> faceParameters, ReadOnlySpan<float> matte = default)
    {
        var triplanes = new Triplanes(Layout);
        Encode(crop, faceParameters, matte, triplanes);
        return triplanes;
    }

    /// <inheritdoc cref="Encode(RgbImage, ReadOnlySpan{float}, ReadOnlySpan{float}, Triplanes)"/>
    public void Encode(RgbImage crop, ReadOnlySpan<float> faceParameters, Triplanes destination) =>
        Encode(crop, faceParameters, default, destination);

    /// <summary>
    /// Encodes into <paramref name="destination"/> (reused across frames by a pipeline that owns it).
    /// <paramref name="matte"/>: the crop's person probabilities, row-major, when the encoder takes them; empty otherwise.
    /// <paramref name="surround"/>: the picture around the crop, for an encoder that takes it; without one the encoder
    /// is told the picture ends at the crop's edge (the input all 0), and one it does not take is ignored.
    /// </summary>
    public void Encode(RgbImage crop, ReadOnlySpan<float> faceParameters, ReadOnlySpan<float> matte, Triplanes destination, CropSurround? surround = null)
    {
        ArgumentNullException.ThrowIfNull(crop);
        ArgumentNullException.ThrowIfNull(destination);
        var image = _manifest.Encoder.Image;
        if (crop.Width != image.Size || crop.Height != image.Size)
        {
            throw new ArgumentException($"encoder takes a {image.Size}×{image.Size} crop, got {crop.Width}×{crop.Height}", nameof(crop));
        }
        var layout = destination.Layout;
        // Structural comparison: the record's Axes list compares by reference.
        if (layout.Channels != Layout.Channels || layout.Resolution != Layout.Resolution || !layout.Axes.SequenceEqual(Layout.Axes))
        {
            throw new ArgumentException("destination triplanes have another layout than the bundle's", nameof(destination));
        }
        var face = _manifest.Encoder.Face;
        if (faceParameters.Length != (face?.Length ?? 0))
        {
            throw new ArgumentException($"encoder takes {face?.Length ?? 0} face parameters, got {faceParameters.Length}", nameof(faceParameters));
        }
        foreach (var value in faceParameters)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"face parameters must be finite, got {value}", nameof(faceParameters));
            }
        }
        var matteLength = TakesMatte ? image.Size * image.Size : 0;
        if (matte.Length != matteLength)
        {
            throw new ArgumentException($"encoder takes a person matte of {matteLength} values, got {matte.Length}", nameof(matte));
        }

        var surroundSpec = _manifest.Encoder.Surround;
        if (surroundSpec is not null && surround is not null)
        {
            CheckSurround(surround, surroundSpec, image.Size);
        }

        var imageLength = 3 * image.Size * image.Size;
        var surroundLength = surroundSpec is null ? 0 : SurroundInputSpec.Channels * image.Size * image.Size;
        var pixels = ArrayPool<float>.Shared.Rent(imageLength);
        var parameters = ArrayPool<float>.Shared.Rent(Math.Max(faceParameters.Length, 1));
        var probabilities = ArrayPool<float>.Shared.Rent(Math.Max(matteLength, 1));
        var around = ArrayPool<float>.Shared.Rent(Math.Max(surroundLength, 1));
        try
        {
            ImageTensor.Fill(crop, image, pixels);
            faceParameters.CopyTo(parameters);
            // Clamped: a matte is a probability, and NaN from a broken segmenter must not reach the encoder.
            for (var i = 0; i < matteLength; i++)
            {
                probabilities[i] = float.IsNaN(matte[i]) ? 0f : Math.Clamp(matte[i], 0f, 1f);
            }
            using var imageValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, pixels.AsMemory(0, imageLength), [1, 3, image.Size, image.Size]);
            using var faceValue = face is null ? null
                : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, parameters.AsMemory(0, face.Length), [1, face.Length]);
            using var matteValue = _manifest.Encoder.Matte is null ? null
                : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, probabilities.AsMemory(0, matteLength), [1, 1, image.Size, image.Size]);
            if (surroundSpec is not null)
            {
                FillSurround(surround, image, around.AsSpan(0, surroundLength));
            }
            using var surroundValue = surroundSpec is null ? null
                : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, around.AsMemory(0, surroundLength), [1, SurroundInputSpec.Channels, image.Size, image.Size]);
            using var output = OrtValue.CreateTensorValueFromMemory(destination.Data, _outputShape);
            Run(new[] { imageValue, faceValue, matteValue, surroundValue }.OfType<OrtValue>().ToArray(), output);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pixels);
            ArrayPool<float>.Shared.Return(parameters);
            ArrayPool<float>.Shared.Return(probabilities);
            ArrayPool<float>.Shared.Return(around);
        }
    }

    private static void CheckSurround(CropSurround surround, SurroundInputSpec spec, int size)
    {
        if (surround.Picture.Width != size || surround.Picture.Height != size || surround.Person.Length != size * size || surround.Inside.Length != size * size)
        {
            throw new ArgumentException($"encoder takes a {size}×{size} surround, got a {surround.Picture.Width}×{surround.Picture.Height} picture with "
                + $"{surround.Person.Length} and {surround.Inside.Length} matte values", nameof(surround));
        }
        if (surround.Span != spec.Span)
        {
            throw new ArgumentException($"encoder takes a surround over {spec.Span} crop sides, got one over {surround.Span}", nameof(surround));
        }
    }

    /// <summary>
    /// The surround tensor (model.json "encoder.surround"): the picture normalised as the image is, then the person and
    /// inside planes, clamped (NaN from a broken segmenter must not reach the encoder); all 0 beyond the picture's edge,
    /// and everywhere without a surround.
    /// </summary>
    private static void FillSurround(CropSurround? surround, ImageInputSpec image, Span<float> tensor)
    {
        if (surround is null)
        {
            tensor.Clear();
            return;
        }
        var plane = image.Size * image.Size;
        ImageTensor.Fill(surround.Picture, image, tensor);
        for (var i = 0; i < plane; i++)
        {
            if (surround.Inside[i] > 0.5f)
            {
                tensor[3 * plane + i] = float.IsNaN(surround.Person[i]) ? 0f : Math.Clamp(surround.Person[i], 0f, 1f);
                tensor[4 * plane + i] = 1f;
            }
            else
            {
                // Beyond the picture's edge every channel is 0, whatever the image's normalisation makes of black.
                (tensor[i], tensor[plane + i], tensor[2 * plane + i], tensor[3 * plane + i], tensor[4 * plane + i]) = (0f, 0f, 0f, 0f, 0f);
            }
        }
    }

    private void Run(OrtValue[] values, OrtValue output)
    {
        try
        {
            _session.Run(null, _inputNames, values, [_manifest.Triplanes.Output], [output]);
        }
        catch (OnnxRuntimeException e)
        {
            // Most likely an output whose dynamic shape turned out other than declared; ORT's first line says which.
            throw new ModelBundleException($"{_manifest.Encoder.File}: run failed ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    public void Dispose() => _session.Dispose();
}
