using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;
using Xunit.Abstractions;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// Shaders/style.comp against the CPU's StyleShading on the same requests, each style with both samplers, mono and
/// stereo, on an analytic sphere seen off-axis (silhouette, a smooth slope and the light's bands all in view): PSNR
/// ≥ 40 dB over RGBA, as the unstyled parity tests hold.
/// </summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanStyleParityTests(VulkanDeviceFixture fixture, ITestOutputHelper output)
{
    private const double MinPsnr = 40;
    private const int Size = 128;

    /// <summary>Mono, and stereo: the GPU styles each eye (one style dispatch per eye in the frame's submission) as the
    /// CPU styles each half.</summary>
    [VulkanTheory]
    [InlineData(RenderStyle.Toon, false, false)]
    [InlineData(RenderStyle.Outline, false, false)]
    [InlineData(RenderStyle.Hologram, false, false)]
    [InlineData(RenderStyle.Sketch, false, false)]
    [InlineData(RenderStyle.Toon, true, false)]
    [InlineData(RenderStyle.Outline, true, false)]
    [InlineData(RenderStyle.Hologram, true, false)]
    [InlineData(RenderStyle.Sketch, true, false)]
    [InlineData(RenderStyle.Toon, true, true)]
    [InlineData(RenderStyle.Outline, true, true)]
    [InlineData(RenderStyle.Sketch, true, true)]
    [InlineData(RenderStyle.Hologram, false, true)]
    [InlineData(RenderStyle.Outline, false, true)]
    public void Style_MatchesCpu(RenderStyle style, bool live, bool stereo)
    {
        var request = new RenderRequest(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq,
            new CameraView(25f, 10f), Size, Size) { Seed = 5, Style = style, Stereo = stereo ? StereoRig.Default : null };
        request = live ? request with { Live = LiveSampling.ForOutput(Size) } : request with { Samples = new SampleCounts(24, 24) };
        var reference = RenderTarget.Allocate(request.TargetWidth, Size);
        // The GPU marches each eye's own geometry (sharing the left eye's, CrossEyeGeometry, is the CPU's alone), and so
        // does the reference here: the style passes are what is compared.
        new CpuVolumeRenderer { ShareStereoGeometry = false }.Render(request, reference);
        var actual = RenderTarget.Allocate(request.TargetWidth, Size);
        using (var renderer = new VulkanVolumeRenderer(fixture.Device))
        {
            renderer.Render(request, actual);
        }

        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        output.WriteLine($"{(stereo ? "stereo " : "")}{style}, {(live ? "live" : "24 + 24")}: PSNR {psnr:0.0} dB");
        Assert.True(psnr >= MinPsnr, $"{(stereo ? "stereo " : "")}{style}: PSNR {psnr:0.0} dB < {MinPsnr} dB");
    }

    /// <summary>One renderer switching styles frame to frame (the session's SetStyle) gives each style's own picture.</summary>
    [VulkanFact]
    public void SwitchingStyles_OnOneRenderer_GivesEachStylesPicture()
    {
        var request = new RenderRequest(AnalyticTriplanes.Sphere(0.3f, (0f, 0f, 0.1f)), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq,
            CameraView.Front, 64, 64) { Live = LiveSampling.ForOutput(64) };
        using var renderer = new VulkanVolumeRenderer(fixture.Device);
        RenderTarget Frame(RenderStyle style)
        {
            var target = RenderTarget.Allocate(64, 64);
            renderer.Render(request with { Style = style }, target);
            return target;
        }

        var first = Frame(RenderStyle.Sketch);
        var plain = Frame(RenderStyle.None);
        var again = Frame(RenderStyle.Sketch);

        Assert.Equal(first.Rgba, again.Rgba);
        Assert.NotEqual(first.Rgba, plain.Rgba);
    }
}
