using System.Numerics;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Issue 3's end-to-end checks on the committed portrait: the relief rendered from the default camera reproduces the
/// aligned crop; turned by yaw ±20° and pitch ±10° it shows a different image with the face still in frame and the
/// nose in front of the cheeks.
/// </summary>
public class ReliefRenderTests(RenderedPortrait portrait, ITestOutputHelper output) : IClassFixture<RenderedPortrait>
{
    /// <summary>
    /// Mean absolute RGB difference (0…255) from the crop that a turned view must exceed. Measured on this portrait: the
    /// front view 2.3 (the 256² planes' blur), pitch ±10° ≈ 37, yaw ±20° ≈ 55; 8 sits well clear of both.
    /// </summary>
    private const double MinTurnedDifference = 8;

    /// <summary>
    /// Turned views use 24 + 24 samples to keep the suite fast: the relief's surface is a step in density, so the coarse
    /// pass only has to bracket it and the importance samples land inside the bracket; 48 + 48 changes nothing tested.
    /// </summary>
    private static readonly SampleCounts TurnedSamples = new(24, 24);

    [Fact]
    public void FrontView_ReproducesTheCropInsideTheFaceBox()
    {
        var box = portrait.Face.Box;
        var psnr = Psnr(portrait.Face.Crop, portrait.Front.ToRgbImage(),
            (int)box.Left, (int)box.Top, (int)MathF.Ceiling(box.Right), (int)MathF.Ceiling(box.Bottom));
        output.WriteLine($"PSNR inside the face box: {psnr:F2} dB; mean |Δ| over the frame: {MeanAbsoluteDifference(portrait.Face.Crop, portrait.Front.ToRgbImage()):F2}");
        Assert.True(psnr >= 28, $"PSNR {psnr:F2} dB inside the face box, need ≥ 28 dB");
    }

    public static TheoryData<float, float> TurnedViews => new() { { 20, 0 }, { -20, 0 }, { 0, 10 }, { 0, -10 }, { 20, 10 }, { -20, -10 } };

    [Theory]
    [MemberData(nameof(TurnedViews))]
    public void TurnedView_KeepsTheFaceInFrame_DiffersFromTheCrop_AndPutsTheNoseInFront(float yaw, float pitch)
    {
        var view = new CameraView(yaw, pitch);
        var target = portrait.Render(view, TurnedSamples);
        var size = portrait.Size;

        var difference = MeanAbsoluteDifference(portrait.Face.Crop, target.ToRgbImage());
        output.WriteLine($"yaw {yaw}, pitch {pitch}: mean |Δ| from the crop {difference:F2}");
        Assert.True(difference > MinTurnedDifference, $"mean |Δ| {difference:F2} from the crop, need > {MinTurnedDifference}");

        var k = portrait.Face.Keypoints;
        foreach (var (name, point) in new[] { ("right eye", k.RightEye), ("left eye", k.LeftEye), ("nose", k.NoseTip), ("mouth", k.Mouth) })
        {
            var (pixel, _) = portrait.Project(portrait.Lift(point), view);
            var margin = 0.1f * size;
            Assert.True(pixel.X > margin && pixel.X < size - margin && pixel.Y > margin && pixel.Y < size - margin,
                $"{name} projects to {pixel}, outside the frame's inner 80 %");
        }

        // The nose tip is where the front view put it: the turned render's depth there is the lifted point's distance.
        var (nosePixel, noseDistance) = portrait.Project(portrait.Lift(k.NoseTip), view);
        var nose = DepthAt(target, nosePixel);
        Assert.True(MathF.Abs(nose - noseDistance) < 0.02f, $"render depth {nose:F4} at the nose tip's pixel, its lifted point is at {noseDistance:F4}");
        var outward = (k.LeftEye - k.RightEye) * 0.1f;
        foreach (var cheek in new[] { new Vector2((k.RightEye - outward).X, k.NoseTip.Y), new Vector2((k.LeftEye + outward).X, k.NoseTip.Y) })
        {
            var cheekDepth = DepthAt(target, portrait.Project(portrait.Lift(cheek), view).Pixel);
            output.WriteLine($"  nose depth {nose:F4}, cheek depth {cheekDepth:F4}");
            Assert.True(nose < cheekDepth, $"nose at distance {nose:F4} should be nearer the camera than the cheek at {cheekDepth:F4}");
        }
    }

    private float DepthAt(RenderTarget target, Vector2 pixel)
    {
        int x = Math.Clamp((int)pixel.X, 0, portrait.Size - 1), y = Math.Clamp((int)pixel.Y, 0, portrait.Size - 1);
        return target.Depth![y * portrait.Size + x];
    }

    private static double Psnr(RgbImage expected, RgbImage actual, int left, int top, int right, int bottom)
    {
        double squared = 0;
        var count = 0;
        for (var y = Math.Max(top, 0); y < Math.Min(bottom, expected.Height); y++)
        {
            for (var x = Math.Max(left, 0); x < Math.Min(right, expected.Width); x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    double d = expected.Pixel(x, y)[c] - actual.Pixel(x, y)[c];
                    squared += d * d;
                    count++;
                }
            }
        }
        return 10 * Math.Log10(255.0 * 255.0 / (squared / count));
    }

    private static double MeanAbsoluteDifference(RgbImage expected, RgbImage actual)
    {
        long sum = 0;
        for (var i = 0; i < expected.Pixels.Length; i++)
        {
            sum += Math.Abs(expected.Pixels[i] - actual.Pixels[i]);
        }
        return (double)sum / expected.Pixels.Length;
    }
}
