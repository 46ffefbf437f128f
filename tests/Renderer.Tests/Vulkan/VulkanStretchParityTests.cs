using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;
using Xunit.Abstractions;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// Shaders/stretch.comp against the CPU's StretchSmoothing on the same requests, with both samplers, mono and stereo,
/// styled and not, on the textured relief made steep and seen from 50° (its walls the front camera saw steeply are
/// square to this one): PSNR ≥ 40 dB over RGBA, as the unsmoothed parity tests hold, on a picture the pass visibly changed.
/// </summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanStretchParityTests(VulkanDeviceFixture fixture, ITestOutputHelper output)
{
    private const double MinPsnr = 40;
    private const int Size = 96;

    [VulkanTheory]
    [InlineData(true, false, RenderStyle.None)]
    [InlineData(false, false, RenderStyle.None)]
    [InlineData(true, true, RenderStyle.None)]
    [InlineData(false, true, RenderStyle.None)]
    [InlineData(true, false, RenderStyle.Toon)]
    public void StretchSmoothing_MatchesCpu(bool live, bool stereo, RenderStyle style)
    {
        var rendering = RenderingConfig.Eg3dFfhq with { SmoothStretch = true };
        var request = new RenderRequest(ReliefScene.Triplanes(steepness: 3f), ReliefScene.Decoder(), rendering, new CameraView(50f, 5f), Size, Size)
        {
            Seed = 7, Style = style, Stereo = stereo ? StereoRig.Default : null,
        };
        request = live ? request with { Live = LiveSampling.ForOutput(Size) } : request with { Samples = new SampleCounts(24, 24) };
        // Each eye marches its own geometry, as the GPU does (sharing the left eye's is the CPU's alone).
        var cpu = new CpuVolumeRenderer { ShareStereoGeometry = false };
        var reference = RenderTarget.Allocate(request.TargetWidth, Size);
        cpu.Render(request, reference);
        var unsmoothed = RenderTarget.Allocate(request.TargetWidth, Size);
        cpu.Render(request with { Rendering = RenderingConfig.Eg3dFfhq }, unsmoothed);
        var actual = RenderTarget.Allocate(request.TargetWidth, Size);
        using (var renderer = new VulkanVolumeRenderer(fixture.Device))
        {
            renderer.Render(request, actual);
        }

        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        double change = ImageCompare.Psnr(unsmoothed.Rgba, reference.Rgba);
        output.WriteLine($"{(live ? "live" : "24 + 24")}{(stereo ? ", stereo" : "")}, {style}: PSNR {psnr:0.0} dB against the CPU; the pass moved the CPU's picture to {change:0.0} dB");
        Assert.True(change < 45, $"the smoothing barely changed the picture ({change:0.0} dB): nothing here tests it");
        Assert.True(psnr >= MinPsnr, $"PSNR {psnr:0.0} dB < {MinPsnr} dB");
    }
}
