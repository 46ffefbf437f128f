using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Cli;

/// <summary>The face a bundle's encoder takes from a photo, for the commands that encode one (render, model check).</summary>
internal static class BundleFaceInput
{
    /// <summary>
    /// The photo's most confident face, aligned with the bundle's input size and framing and carrying the face mesh and
    /// person matte when the bundle's encoder takes them (and the whole photo's matte, for a background that shows the
    /// room: <paramref name="showsRoom"/>); null when there is none, after saying so on stderr (the caller exits with
    /// <see cref="ExitCodes.NoFace"/>).
    /// </summary>
    public static async Task<AlignedFace?> AlignAsync(RgbImage photo, string photoPath, OnnxSessionFactory sessions, ModelBundle bundle, bool showsRoom = false)
    {
        IReadOnlyList<FaceDetection> faces;
        using (var detector = new BlazeFaceDetector(sessions))
        {
            faces = detector.Detect(photo);
        }
        if (faces.Count == 0)
        {
            await Console.Error.WriteLineAsync($"error: no face found in {photoPath}").ConfigureAwait(false);
            return null;
        }
        var face = FaceAligner.Align(photo, faces[0], bundle.Encoder.InputSize, bundle.Manifest.Encoder.Framing);
        using var inputs = new EncoderInputs(sessions);
        return inputs.Complete(face, photo, bundle.Encoder, showsRoom);
    }
}
