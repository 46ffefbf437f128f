using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Relief.Onnx;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Relief;

/// <summary>
/// Generates the built-in "relief" model bundle: a geometric baseline, not a learned model (docs/relief-encoder.md).
/// Generation is deterministic (same options, same bytes) and takes milliseconds, so the default bundle is generated
/// in memory at first use rather than shipped as a binary; <see cref="WriteTo"/> exports it as an ordinary folder.
/// </summary>
public static class ReliefBundle
{
    public const string Name = "relief";
    public const string EncoderFile = "encoder.onnx";
    public const string DecoderFile = "decoder.bin";

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> DefaultFiles = new(() => Generate(ReliefOptions.Default));

    /// <summary>The default bundle's files, generated once per process.</summary>
    public static BundleFiles Default => BundleFiles.FromMemory($"{Name} (built in)", DefaultFiles.Value);

    /// <summary>The files of a relief bundle: model.json, encoder.onnx, decoder.bin.</summary>
    public static IReadOnlyDictionary<string, byte[]> Generate(ReliefOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rendering = Rendering(options) with { ViewRange = Views };
        return Pack(Manifest(options, rendering), ReliefGraph.Build(options), ReliefDecoder.Create(options, rendering));
    }

    /// <summary>
    /// The views relief v1 is drawn for: a height field seen from the front, its far cheek folds into the nose and the
    /// box's edge comes into the frame past about 30° of yaw, and past 15° of pitch the torso's cut end or the top of the
    /// box (docs/relief-encoder.md, known limits).
    /// </summary>
    public static ViewRange Views { get; } = new(30f, 15f);

    /// <summary>EG3D's rendering settings with the relief's box and camera.</summary>
    internal static RenderingConfig Rendering(ReliefOptions options) =>
        RenderingConfig.Eg3dFfhq with
        {
            BoxWarp = options.BoxWarp, CameraRadius = options.CameraRadius, FocalLength = options.FocalLength, SmoothStretch = options.SmoothStretch,
        };

    /// <summary>A generated bundle's three files.</summary>
    internal static IReadOnlyDictionary<string, byte[]> Pack(ModelManifest manifest, OnnxGraph encoder, DecoderWeights decoder) =>
        new Dictionary<string, byte[]>
        {
            [ModelManifest.FileName] = ModelManifestWriter.Write(manifest),
            [EncoderFile] = OnnxModelWriter.Write(encoder, $"{manifest.Name}_encoder", "PortraitStream", "1"),
            [DecoderFile] = DecoderWeightsFile.Write(decoder),
        };

    /// <summary>Writes a relief bundle into <paramref name="directory"/> (created if needed), e.g. for `model write-relief DIR`.</summary>
    public static void WriteTo(string directory, ReliefOptions? options = null) =>
        WriteFiles(directory, options is null ? DefaultFiles.Value : Generate(options));

    internal static void WriteFiles(string directory, IReadOnlyDictionary<string, byte[]> files)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
        }
    }

    private static ModelManifest Manifest(ReliefOptions options, RenderingConfig rendering) => new(
        Name,
        Trained: false,
        new EncoderSpec(
            EncoderFile,
            new ImageInputSpec(ReliefGraph.ImageInput, options.ImageSize, 1f / 255f, [0f, 0f, 0f], [1f, 1f, 1f]),
            FaceFraming.Default,
            new FaceInputSpec(ReliefGraph.FaceInput, FaceParameters.Keypoints6, FaceParameters.Keypoints6Length)),
        new TriplaneSpec(ReliefGraph.TriplaneOutput, new TriplaneLayout(ReliefChannels.Count, options.Resolution, PlaneAxes.Eg3d)),
        new DecoderSpec(DecoderFile, ReliefDecoder.Hidden, ReliefDecoder.Outputs),
        rendering,
        SuperResolutionFile: null);
}
