using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Styles;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Issue 15's stereo sharing on real encoder output: the live sampler's right eye, which takes its geometry from the
/// left eye's wherever that is one smooth opaque surface (<c>CrossEyeGeometry</c>), gives the committed portrait's
/// relief the same pictures as both eyes marched on their own (<c>ShareStereoGeometry = false</c>): each eye PSNR ≥
/// 40 dB over RGBA, as a first frame and as a frame that follows the previous one (temporal seeds). Styled requests
/// share too; the styles' depth-gradient normals turn the shared depths' small steps into moved band edges and lines,
/// so they are held to <see cref="MinStyledPsnr"/> (37.5 dB measured for toon and outline at yaw 30°).
/// </summary>
public sealed class ReliefStereoSharingTests(RenderedPortrait portrait, ITestOutputHelper output) : IClassFixture<RenderedPortrait>
{
    private const double MinPsnr = 40;
    private const double MinStyledPsnr = 36;

    [Theory]
    [InlineData(0f, 0f, RenderStyle.None)]
    [InlineData(30f, 5f, RenderStyle.None)]
    [InlineData(-30f, -10f, RenderStyle.None)]
    [InlineData(30f, 5f, RenderStyle.Toon)]
    [InlineData(30f, 5f, RenderStyle.Outline)]
    public void SharedGeometry_GivesEachEyesOwnPicture(float yaw, float pitch, RenderStyle style)
    {
        int size = portrait.Size;
        var request = portrait.Request(new CameraView(yaw, pitch)) with { Live = LiveSampling.ForOutput(size), Stereo = StereoRig.Default, Style = style };
        var alone = new CpuVolumeRenderer { ShareStereoGeometry = false };
        var shared = new CpuVolumeRenderer();
        foreach (bool follows in new[] { false, true })
        {
            var expected = RenderTarget.Allocate(request.TargetWidth, size);
            var actual = RenderTarget.Allocate(request.TargetWidth, size);
            alone.Render(request with { FollowsPreviousFrame = follows }, expected);
            shared.Render(request with { FollowsPreviousFrame = follows }, actual);
            for (int eye = 0; eye < 2; eye++)
            {
                double psnr = Psnr(actual, expected, eye * size, size);
                output.WriteLine($"{size}², yaw {yaw}, pitch {pitch}, {style}, {(follows ? "following" : "first")} frame, eye {eye}: PSNR {psnr:F1} dB");
                double floor = style == RenderStyle.None ? MinPsnr : MinStyledPsnr;
                Assert.True(psnr >= floor, $"eye {eye}: PSNR {psnr:F1} dB < {floor} dB");
            }
        }
    }

    /// <summary>PSNR over the RGBA of columns [left, left + width) of two side-by-side targets.</summary>
    private static double Psnr(RenderTarget a, RenderTarget b, int left, int width)
    {
        byte[] Half(RenderTarget t)
        {
            var half = new byte[4 * width * t.Height];
            for (int y = 0; y < t.Height; y++)
            {
                t.Rgba.AsSpan(4 * (y * t.Width + left), 4 * width).CopyTo(half.AsSpan(4 * y * width));
            }
            return half;
        }
        return ImageCompare.Psnr(Half(a), Half(b));
    }
}
