using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Tests.Live;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Styles;

/// <summary>
/// Styles in stereo on the CPU: each eye of a styled side-by-side render is that eye's picture styled on its own — from
/// its own camera (the off-axis principal point), its own depth and normals, its edges clamped to its own half — as the
/// style pass styles one mono picture; the pass never reads across the seam into the other eye.
/// </summary>
public sealed class StyledStereoTests
{
    private const int Size = 96;
    private const double MinPsnr = 40;

    [Theory]
    [InlineData(RenderStyle.Toon, true)]
    [InlineData(RenderStyle.Outline, true)]
    [InlineData(RenderStyle.Hologram, true)]
    [InlineData(RenderStyle.Sketch, true)]
    [InlineData(RenderStyle.Outline, false)]
    [InlineData(RenderStyle.Sketch, false)]
    public void EachEye_IsStyledAsItsOwnPicture(RenderStyle style, bool live)
    {
        var request = new RenderRequest(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq,
            new CameraView(20f, 5f), Size, Size) { Stereo = StereoRig.Default, Seed = 3 };
        request = live ? request with { Live = LiveSampling.ForOutput(Size) } : request with { Samples = new SampleCounts(16, 16) };
        // Each eye's unstyled picture (the live right eye sharing the left eye's geometry, as the styled one does).
        var plain = RenderTarget.Allocate(request.TargetWidth, Size, withDepth: true);
        new CpuVolumeRenderer().Render(request, plain);
        var styled = RenderTarget.Allocate(request.TargetWidth, Size, withDepth: true);
        new CpuVolumeRenderer().Render(request with { Style = style }, styled);

        var (plainLeft, plainRight) = StereoRenderTests.Halves(plain);
        var (styledLeft, styledRight) = StereoRenderTests.Halves(styled);
        foreach (var (eye, picture, expected) in new[] { (0, plainLeft, styledLeft), (1, plainRight, styledRight) })
        {
            // The eye's unstyled picture, styled alone as a mono target from the eye's camera.
            new StyleShading().Apply(style, picture, picture.Depth!, request.CameraFor(eye), left: 0, new ParallelOptions());
            double psnr = ImageCompare.Psnr(expected.Rgba, picture.Rgba);
            Assert.True(psnr >= MinPsnr, $"{style}, eye {eye}: PSNR {psnr:0.0} dB < {MinPsnr} dB against the eye styled alone");
        }
        Assert.Equal(plain.Depth, styled.Depth);
    }

    /// <summary>The eye's own principal point matters: styling an eye as if its camera were centred tilts every normal
    /// by the off-axis angle, which moves the toon bands.</summary>
    [Fact]
    public void OffAxisEye_IsStyledWithItsOwnRays()
    {
        var request = new RenderRequest(AnalyticTriplanes.Sphere(0.3f, (0f, 0f, 0.1f)), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq,
            CameraView.Front, Size, Size) { Stereo = new StereoRig(StereoRig.MaxIpdMillimetres), Live = LiveSampling.ForOutput(Size), Style = RenderStyle.Toon };
        var styled = RenderTarget.Allocate(request.TargetWidth, Size, withDepth: true);
        new CpuVolumeRenderer().Render(request, styled);
        var plain = RenderTarget.Allocate(request.TargetWidth, Size, withDepth: true);
        new CpuVolumeRenderer().Render(request with { Style = RenderStyle.None }, plain);
        var (left, _) = StereoRenderTests.Halves(plain);
        var (styledLeft, _) = StereoRenderTests.Halves(styled);

        var centred = request.CameraFor(0) with { PrincipalShiftPixels = 0f };
        new StyleShading().Apply(RenderStyle.Toon, left, left.Depth!, centred, left: 0, new ParallelOptions());
        Assert.NotEqual(styledLeft.Rgba, left.Rgba);
    }
}
