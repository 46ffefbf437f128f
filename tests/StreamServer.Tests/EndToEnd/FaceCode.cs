using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Media.Video;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The frame-number code for the live pipeline, whose output is a rendered view of the aligned face crop, not the
/// camera picture. At yaw 0 the relief reproduces the crop, so the code is drawn inside the crop, beside the neck (off
/// the eyes, nose and mouth), as squares of the crop's own pixels: the real detector and aligner on the clip's picture
/// give the crop transform, and the front view shows the crop scaled to the output size.
/// </summary>
internal sealed record FaceCode(CodePlacement Placement, int CropSize, FaceFraming Framing)
{
    // Positions in a 256² crop: six bits down each lower side, beside the jaw and the neck, each complement to its right.
    // BlazeFace's refinement pass sees the whole crop, so any code moves its keypoints a little: measured on the
    // portrait, the crop it then cuts moves the blocks by up to 4.8 crop pixels with this placement (10, with 4° of
    // roll, with the blocks beside the hair; 6.7 with a seventh row, which is why the check has only 3 bits). The reader averages only the centre quarter of each block (Sample), which
    // stays inside its block for moves up to 9 pixels. 24 crop pixels are about 11 camera pixels for the portrait,
    // enough to survive the browser's VP8.
    private const float Reference = 256, Block = 24, Sample = Block / 8, Top = 108, Edge = 4;

    // How far the tracker's crop may have moved the code in the rendered view, where it does not read in place (crop
    // pixels any block centre moves, and a fraction of the code's size): a clean-clone CI run's rejected frames
    // (2026-12-05) showed the code 6 % smaller about its centre and shifted 2–3 pixels, its blocks beside the shoulder
    // 9 pixels off and read off their edges. Half a block at most, so the reader never takes a neighbour's block.
    private const float CropDrift = Block / 2, CropScaleDrift = 0.08f;

    /// <summary>Finds the face in the portrait clip's picture and places the code in the crop the pipeline will cut.</summary>
    public static async Task<FaceCode> MeasureAsync(OnnxSessionFactory sessions)
    {
        // The clip is a Y4M video (Chromium's fake camera format): its first frame, through the video reader.
        RgbImage picture;
        await using (var clip = await FfmpegVideoReader.OpenAsync(FakeCamera.Portrait))
        {
            picture = await clip.ReadAsync() ?? throw new InvalidOperationException($"no frame in {FakeCamera.Portrait}");
        }
        using var bundle = ModelBundle.Load(ReliefBundle.Default, sessions);
        using var detector = new BlazeFaceDetector(sessions);
        var face = detector.Detect(picture) is [var first, ..] ? first
            : throw new InvalidOperationException($"no face in {FakeCamera.Portrait}");
        var size = bundle.Encoder.InputSize;
        var framing = bundle.Manifest.Encoder.Framing;
        var aligned = FaceAligner.Align(picture, face, size, framing);
        return new FaceCode(Place(aligned.CropToImage, size), size, framing);
    }

    /// <summary>Where a reader finds the code in the front view rendered at <paramref name="size"/>².</summary>
    public CodeLayout RenderedLayout(int size)
    {
        var scale = (float)size / CropSize;
        return Placement.LayoutIn(new AffineTransform2D(scale, 0, 0, scale, 0, 0)) with { Drift = CropDrift * scale, ScaleDrift = CropScaleDrift };
    }

    /// <summary>The code's blocks in a <paramref name="cropSize"/>² crop that <paramref name="cropToCamera"/> places in the camera picture.</summary>
    internal static CodePlacement Place(AffineTransform2D cropToCamera, int cropSize)
    {
        var unit = cropSize / Reference;
        var code = FrameCode.Pipeline;
        var rows = code.Bits / 2;
        var blocks = Enumerable.Range(0, code.Bits).SelectMany(bit =>
        {
            var y = (Top + bit % rows * Block) * unit;
            var x = bit < rows ? Edge * unit : cropSize - (Edge + 2 * Block) * unit;
            return new[] { new CodeBlock(bit, false, x, y), new CodeBlock(bit, true, x + Block * unit, y) };
        });
        return new CodePlacement(code, Block * unit, Sample * unit, [.. blocks], cropToCamera);
    }
}
