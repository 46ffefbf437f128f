using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Perf;

/// <summary>
/// The real path's triplanes for the committed portrait (data/portrait.png): BlazeFace → aligned crop → relief encoder,
/// with the bundle's decoder and rendering settings — what a live session renders. Needs ffmpeg and the relief bundle.
/// </summary>
internal static class PortraitScene
{
    public static RenderRequest Request(int size, CameraView view)
    {
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
        using var bundle = ModelBundle.Load(ReliefBundle.Default, sessions);
        using var detector = new BlazeFaceDetector(sessions);
        var image = new FfmpegImageIo().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        var face = detector.Detect(image).OrderByDescending(f => f.Score).FirstOrDefault()
            ?? throw new InvalidOperationException("data/portrait.png: no face found");
        var aligned = FaceAligner.Align(image, face, bundle.Encoder.InputSize, bundle.Manifest.Encoder.Framing);
        return new RenderRequest(bundle.Encoder.Encode(aligned), bundle.Decoder, bundle.Rendering, view, size, size);
    }
}
