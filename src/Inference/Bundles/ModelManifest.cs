using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Bundles;

/// <summary>The parsed, validated model.json of a bundle; docs/model-bundle.md documents every field.</summary>
public sealed record ModelManifest(
    string Name,
    bool Trained,
    EncoderSpec Encoder,
    TriplaneSpec Triplanes,
    DecoderSpec Decoder,
    RenderingConfig Rendering,
    string? SuperResolutionFile)
{
    public const string FileName = "model.json";
    public const string Format = "portrait-stream.model";
    public const int CurrentVersion = 1;
}

/// <summary>
/// The encoder network (model.json "encoder"); <see cref="FaceFraming"/> is how the face aligner cuts its crop, the
/// optional <see cref="Face"/>, <see cref="Matte"/> and <see cref="Surround"/> inputs what else it takes beside the crop.
/// </summary>
public sealed record EncoderSpec(string File, ImageInputSpec Image, FaceFraming Framing, FaceInputSpec? Face, MatteInputSpec? Matte = null,
    SurroundInputSpec? Surround = null);

/// <summary>
/// The image input: [1, 3, Size, Size] float32, NCHW, RGB, each value (byte · Scale − Mean[c]) / Std[c].
/// </summary>
public sealed record ImageInputSpec(string Name, int Size, float Scale, float[] Mean, float[] Std)
{
    public const string Layout = "NCHW";
    public const string Channels = "RGB";
}

/// <summary>An optional face-parameter input: [1, Length] float32 of the named kind (see <see cref="FaceParameters"/>).</summary>
public sealed record FaceInputSpec(string Name, string Kind, int Length);

/// <summary>
/// An optional person-matte input: [1, 1, Size, Size] float32 over the crop's pixels (Size = the image input's), the
/// probability that the pixel shows the person (MediaPipe selfie segmentation, run on the crop).
/// </summary>
public sealed record MatteInputSpec(string Name);

/// <summary>
/// An optional input of the camera picture around the crop: [1, 5, Size, Size] float32 (Size = the image input's) over
/// <paramref name="Span"/> crop sides centred on the crop and turned with it. Channels: red, green, blue normalised as
/// the image input's; the probability that the pixel shows the person (MediaPipe selfie segmentation run on the whole
/// picture); 1 where the pixel lies inside the picture, 0 beyond its edge, where the other four are 0 as well.
/// </summary>
public sealed record SurroundInputSpec(string Name, float Span)
{
    /// <summary>The narrowest surround: a quarter of a crop side past each edge.</summary>
    public const float MinSpan = 1.5f;

    /// <summary>The widest surround: 3.5 crop sides past each edge.</summary>
    public const float MaxSpan = 8f;

    /// <summary>The surround's channels: red, green, blue, person probability, inside the picture.</summary>
    public const int Channels = 5;
}

/// <summary>The triplane output: [1, Planes, Channels, R, R] float32 (model.json "triplanes").</summary>
public sealed record TriplaneSpec(string Output, TriplaneLayout Layout)
{
    public const string DataType = "float32";
}

/// <summary>The decoder MLP (model.json "decoder"): Channels → Hidden (softplus) → Outputs, weights in File.</summary>
public sealed record DecoderSpec(string File, int Hidden, int Outputs)
{
    public const string Activation = "softplus";
}
