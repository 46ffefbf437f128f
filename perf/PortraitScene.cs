using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Perf;

/// <summary>
/// The real path's triplanes for a portrait (by default the committed data/portrait.png): BlazeFace → aligned crop →
/// the bundle's encoder — what a live session renders. Needs ffmpeg.
/// </summary>
internal static class PortraitScene
{
    /// <summary>The face mesh and matte for encoders that take them; the harnesses run on one thread.</summary>
    private static readonly Lazy<EncoderInputs> Inputs = new(() => new EncoderInputs(new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance)));

    public static string CommittedPortrait => Path.Combine(AppContext.BaseDirectory, "data", "portrait.png");

    /// <summary>
    /// The committed portrait's triplanes from the server's default model (<see cref="BuiltInBundles.DefaultName"/>,
    /// relief v2; before 2026-12-04 this was relief v1, which the server no longer uses by default), with the bundle's
    /// decoder and rendering settings.
    /// </summary>
    public static RenderRequest Request(int size, CameraView view)
    {
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
        using var bundle = BuiltInBundles.Load(BuiltInBundles.DefaultName, sessions);
        using var detector = new BlazeFaceDetector(sessions);
        var planes = EncodeAsync(CommittedPortrait, bundle, detector).GetAwaiter().GetResult();
        return new RenderRequest(planes, bundle.Decoder, bundle.Rendering, view, size, size);
    }

    /// <summary>Reads <paramref name="path"/>, aligns its most confident face and encodes it with <paramref name="bundle"/>.</summary>
    public static async Task<Triplanes> EncodeAsync(string path, ModelBundle bundle, BlazeFaceDetector detector)
    {
        var image = await new ImageFiles().ReadAsync(path);
        var face = detector.Detect(image).OrderByDescending(f => f.Score).FirstOrDefault()
            ?? throw new InvalidOperationException($"{path}: no face found");
        return bundle.Encoder.Encode(AlignForBundle(image, face, bundle));
    }

    /// <summary>
    /// The face as <paramref name="bundle"/>'s encoder takes it: its crop size and framing, and the face mesh and
    /// person matte when the encoder takes them (<see cref="EncoderInputs"/>). Every harness encodes through here.
    /// </summary>
    public static AlignedFace AlignForBundle(RgbImage image, FaceDetection face, ModelBundle bundle) =>
        Inputs.Value.Complete(FaceAligner.Align(image, face, bundle.Encoder.InputSize, bundle.Manifest.Encoder.Framing), image, bundle.Encoder);
}
