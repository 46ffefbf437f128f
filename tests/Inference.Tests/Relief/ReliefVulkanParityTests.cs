using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Vulkan;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Issue 4's parity check on real encoder output: the committed portrait's relief rendered by the Vulkan renderer
/// matches the CPU reference (PSNR ≥ 40 dB over RGBA, depth within 1 % where the reference is at least half opaque).
/// Turned views use the relief tests' 24 + 24 samples (see <see cref="ReliefRenderTests"/>); the front view the
/// bundle's own 48 + 48.
/// </summary>
public sealed class ReliefVulkanParityTests(RenderedPortrait portrait, ITestOutputHelper output) : IClassFixture<RenderedPortrait>
{
    [VulkanTheory]
    [InlineData(0f, 0f, false)]
    [InlineData(20f, 10f, true)]
    [InlineData(-20f, -10f, true)]
    public void Vulkan_MatchesCpuReference_OnThePortraitRelief(float yaw, float pitch, bool turned)
    {
        var view = new CameraView(yaw, pitch);
        SampleCounts? samples = turned ? new SampleCounts(24, 24) : null;
        var reference = turned ? portrait.Render(view, samples) : portrait.Front;
        var actual = RenderTarget.Allocate(portrait.Size, portrait.Size, withDepth: true);
        using (var device = VulkanDevice.Create())
        using (var renderer = new VulkanVolumeRenderer(device))
        {
            renderer.Render(portrait.Request(view, samples), actual);
        }

        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        var (depthError, covered) = ImageCompare.DepthError(actual, reference, minAlpha: 128);
        output.WriteLine($"{portrait.Size}², yaw {yaw}, pitch {pitch}: PSNR {psnr:F1} dB, max depth error {depthError:P3}");
        Assert.True(psnr >= 40, $"PSNR {psnr:F1} dB < 40 dB");
        Assert.True(covered > 0, "the reference covers no pixel");
        Assert.True(depthError <= 0.01, $"depth differs by {depthError:P2}");
    }
}
