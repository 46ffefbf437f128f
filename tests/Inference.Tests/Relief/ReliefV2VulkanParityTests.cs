using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Vulkan;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Relief v2 (5 channels, a 5 → 6 → 4 decoder, the room left empty) in the Vulkan kernel: the same picture as the CPU
/// renderer with the live sampler and with the reference sampler (PSNR ≥ 40 dB over RGBA, alpha included, so the
/// transparent room must agree too).
/// </summary>
public sealed class ReliefV2VulkanParityTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>
{
    /// <summary>The reference sampler runs smaller and with fewer samples: on lavapipe it is the slow one.</summary>
    private static (int Size, SampleCounts? Samples) Setting(bool live) => live ? (128, null) : (64, new SampleCounts(12, 12));

    [VulkanTheory]
    [InlineData(0f, true)]
    [InlineData(30f, true)]
    [InlineData(-20f, false)]
    public void Vulkan_MatchesCpu_OnThePortraitsReliefV2(float yaw, bool live)
    {
        var (size, samples) = Setting(live);
        var request = new RenderRequest(relief.Planes, relief.Bundle.Decoder, relief.Bundle.Rendering, new CameraView(yaw, 0), size, size);
        request = live ? request with { Live = LiveSampling.ForOutput(size) } : request with { Samples = samples };
        var reference = RenderTarget.Allocate(size, size);
        new CpuVolumeRenderer().Render(request, reference);
        var actual = RenderTarget.Allocate(size, size);
        using (var device = VulkanDevice.Create())
        using (var renderer = new VulkanVolumeRenderer(device))
        {
            renderer.Render(request, actual);
        }

        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        output.WriteLine($"{size}², yaw {yaw}, {(live ? "live" : "12 + 12")}: PSNR {psnr:F1} dB");
        Assert.True(psnr >= 40, $"PSNR {psnr:F1} dB < 40 dB");
    }
}
