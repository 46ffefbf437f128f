using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// A loaded, validated model bundle: model.json, the encoder (an ONNX Runtime session wrapped in
/// <see cref="OnnxEncoder"/>), the decoder weights and the optional super-resolution model's bytes.
/// Loading refuses, with one <see cref="ModelBundleException"/> naming the file and field, any bundle that breaks the
/// contract in docs/model-bundle.md.
/// </summary>
public sealed class ModelBundle : IDisposable
{
    private ModelBundle(string label, ModelManifest manifest, DecoderWeights decoder, OnnxEncoder encoder, byte[]? superResolution)
    {
        Label = label;
        Manifest = manifest;
        Decoder = decoder;
        Encoder = encoder;
        SuperResolutionModel = superResolution;
    }

    /// <summary>Where the bundle came from: its folder, or the built-in bundle's name.</summary>
    public string Label { get; }
    public ModelManifest Manifest { get; }
    public DecoderWeights Decoder { get; }
    public OnnxEncoder Encoder { get; }
    /// <summary>superres.onnx when the bundle has one; reserved for a later pipeline stage.</summary>
    public byte[]? SuperResolutionModel { get; }
    public TriplaneLayout Layout => Manifest.Triplanes.Layout;
    public RenderingConfig Rendering => Manifest.Rendering;

    public static ModelBundle Load(string directory, OnnxSessionFactory sessions) =>
        Load(BundleFiles.FromDirectory(directory), sessions);

    /// <param name="sessions">Creates the encoder's ONNX Runtime session (the one place sessions are made).</param>
    public static ModelBundle Load(BundleFiles files, OnnxSessionFactory sessions)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(sessions);
        var manifest = ModelManifestReader.Read(files.Read(ModelManifest.FileName));
        var decoder = DecoderWeightsFile.Read(files.Read(manifest.Decoder.File), manifest.Decoder.File,
            manifest.Triplanes.Layout.Channels, manifest.Decoder.Hidden, manifest.Decoder.Outputs);
        var superResolution = manifest.SuperResolutionFile is { } superres ? files.Read(superres) : null;
        var session = CreateSession(sessions, files.Read(manifest.Encoder.File), manifest.Encoder.File);
        try
        {
            EncoderContract.Check(session, manifest);
            return new ModelBundle(files.Label, manifest, decoder, new OnnxEncoder(session, manifest), superResolution);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose() => Encoder.Dispose();

    private static Microsoft.ML.OnnxRuntime.InferenceSession CreateSession(OnnxSessionFactory sessions, byte[] model, string file)
    {
        try
        {
            return sessions.Create(model, file);
        }
        catch (ModelLoadException e)
        {
            // One exception type for every way a bundle breaks the contract; the factory's message already names the file.
            throw new ModelBundleException(e.Message, e);
        }
    }
}
