using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// Generates the built-in "relief-v2" bundle: relief v1's geometric baseline rebuilt from the person's own face mesh and
/// person matte (docs/relief-encoder.md) — still not a learned model, and its model.json says so (trained: false).
/// Its encoder takes the crop, the face mesh ("mesh468"), the crop's person matte and the camera picture around the
/// crop with its matte (the surround); generated in memory like v1.
/// </summary>
public static class ReliefV2Bundle
{
    public const string Name = "relief-v2";

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> DefaultFiles = new(() => Generate(ReliefOptions.Default));

    /// <summary>The default bundle's files, generated once per process.</summary>
    public static BundleFiles Default => BundleFiles.FromMemory($"{Name} (built in)", DefaultFiles.Value);

    /// <summary>The files of a relief v2 bundle: model.json, encoder.onnx, decoder.bin.</summary>
    public static IReadOnlyDictionary<string, byte[]> Generate(ReliefOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rendering = ReliefBundle.Rendering(options) with { ViewRange = Views };
        return ReliefBundle.Pack(Manifest(options, rendering), ReliefV2Graph.Build(options), ReliefV2Decoder.Create(options, rendering));
    }

    /// <summary>
    /// The views relief v2 is drawn for. Past about 45° of yaw the side of the head shows what the photo saw edge-on
    /// (the cheek's outline and the glasses' arm repeat there) and from behind the face's own colours, since a column's
    /// colour does not change with depth; past 25° of pitch the torso's cut end shows from above and the chin's
    /// underside from below (looked at on both committed portraits, perf/RESULTS-fidelity.md, 2026-12-05).
    /// </summary>
    public static ViewRange Views { get; } = new(45f, 25f);

    /// <summary>Writes a relief v2 bundle into <paramref name="directory"/> (created if needed).</summary>
    public static void WriteTo(string directory, ReliefOptions? options = null) =>
        ReliefBundle.WriteFiles(directory, options is null ? DefaultFiles.Value : Generate(options));

    private static ModelManifest Manifest(ReliefOptions options, RenderingConfig rendering) => new(
        Name,
        Trained: false,
        new EncoderSpec(
            ReliefBundle.EncoderFile,
            new ImageInputSpec(ReliefV2Graph.ImageInput, options.ImageSize, 1f / 255f, [0f, 0f, 0f], [1f, 1f, 1f]),
            FaceFraming.Default,
            new FaceInputSpec(ReliefV2Graph.MeshInput, FaceParameters.Mesh468, FaceParameters.Mesh468Length),
            new MatteInputSpec(ReliefV2Graph.MatteInput),
            options.SurroundSpan > 0 ? new SurroundInputSpec(ReliefV2Graph.SurroundInput, options.SurroundSpan) : null),
        new TriplaneSpec(ReliefV2Graph.TriplaneOutput, new TriplaneLayout(ReliefV2Channels.Count, options.Resolution, PlaneAxes.Eg3d)),
        new DecoderSpec(ReliefBundle.DecoderFile, ReliefV2Decoder.Hidden, ReliefV2Decoder.Outputs),
        rendering,
        SuperResolutionFile: null);
}
