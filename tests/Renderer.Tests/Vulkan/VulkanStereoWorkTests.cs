using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;
using PortraitStream.Tests.Support;
using Xunit.Abstractions;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// Issue #15: a stereo frame on the GPU is both eyes in one frame's work. The renderer's own counts of what it did
/// (<see cref="VulkanVolumeRenderer.LastFrameWork"/>, counted where it submits, uploads and dispatches) show one
/// submission, one upload of the triplanes and of the decoder, one repack and (live) one occupancy grid, and the
/// render (or live) kernel and the style kernel once per eye — and the frame it makes is the CPU's stereo frame.
/// </summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanStereoWorkTests(VulkanDeviceFixture fixture, ITestOutputHelper output)
{
    private const int Size = 48;
    private const double MinPsnr = 40;

    [VulkanTheory]
    [InlineData(true, RenderStyle.None)]
    [InlineData(true, RenderStyle.Toon)]
    [InlineData(false, RenderStyle.None)]
    [InlineData(false, RenderStyle.Outline)]
    public void StereoFrame_IsOneSubmission_WithTheSharedWorkOnce(bool live, RenderStyle style)
    {
        var mono = new RenderRequest(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq,
            new CameraView(20f, 5f), Size, Size) { Seed = 7, Style = style };
        mono = live ? mono with { Live = LiveSampling.ForOutput(Size) } : mono with { Samples = new SampleCounts(16, 16) };
        var stereo = mono with { Stereo = StereoRig.Default };
        using var renderer = new VulkanVolumeRenderer(fixture.Device);
        Assert.Equal(0, renderer.LastFrameWork.Submissions);

        renderer.Render(mono, RenderTarget.Allocate(mono.TargetWidth, Size));
        var monoWork = renderer.LastFrameWork;
        var actual = RenderTarget.Allocate(stereo.TargetWidth, Size);
        renderer.Render(stereo, actual);
        var stereoWork = renderer.LastFrameWork;
        output.WriteLine($"mono: {monoWork}; stereo: {stereoWork}");

        string kernel = live ? "live" : "render";
        int styled = style == RenderStyle.None ? 0 : 1;
        foreach (var (work, views) in new[] { (monoWork, 1), (stereoWork, 2) })
        {
            Assert.Equal((1, 1, 1), (work.Submissions, work.PlaneUploads, work.DecoderUploads));
            Assert.Equal(1, work.DispatchesOf("pack"));
            Assert.Equal(live ? 1 : 0, work.DispatchesOf("live_corners"));
            Assert.Equal(live ? 1 : 0, work.DispatchesOf("live_cells"));
            Assert.Equal(views, work.DispatchesOf(kernel));
            Assert.Equal(views * styled, work.DispatchesOf("style"));
        }

        // The CPU renders the same side-by-side frame (its right eye sharing the left eye's geometry where live).
        var reference = RenderTarget.Allocate(stereo.TargetWidth, Size);
        new CpuVolumeRenderer().Render(stereo, reference);
        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        output.WriteLine($"stereo against the CPU: PSNR {psnr:0.0} dB");
        Assert.True(psnr >= MinPsnr, $"PSNR {psnr:0.0} dB < {MinPsnr} dB");
    }
}
