using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Issue 11 item 5 on real encoder output: the reference sampler's empty-space skipping and early termination (on by
/// default in <see cref="CpuVolumeRenderer"/>) give the committed portrait's relief the same picture as the plain EG3D
/// sampler (<c>SkipEmptySpace = false</c>) on the same requests: PSNR ≥ 40 dB over RGBA, depth within 1 % where opaque.
/// </summary>
public sealed class ReliefSkippingTests(RenderedPortrait portrait, ITestOutputHelper output) : IClassFixture<RenderedPortrait>
{
    [Theory]
    [InlineData(0f, 0f, 48, 48)]
    [InlineData(20f, 10f, 24, 24)]
    [InlineData(-30f, -5f, 24, 24)]
    public void Skipping_GivesThePlainSamplersPicture(float yaw, float pitch, int coarse, int importance)
    {
        var request = portrait.Request(new CameraView(yaw, pitch), new SampleCounts(coarse, importance));
        var plain = RenderTarget.Allocate(portrait.Size, portrait.Size, withDepth: true);
        var skipping = RenderTarget.Allocate(portrait.Size, portrait.Size, withDepth: true);
        new CpuVolumeRenderer { SkipEmptySpace = false }.Render(request, plain);
        new CpuVolumeRenderer().Render(request, skipping);

        double psnr = ImageCompare.Psnr(skipping.Rgba, plain.Rgba);
        var (depthError, covered) = ImageCompare.DepthError(skipping, plain, minAlpha: 128);
        output.WriteLine($"{portrait.Size}², yaw {yaw}, pitch {pitch}, {coarse} + {importance}: PSNR {psnr:F1} dB, max depth error {depthError:P3}");
        Assert.True(psnr >= 40, $"PSNR {psnr:F1} dB < 40 dB");
        Assert.True(covered > 0, "the plain sampler covers no pixel");
        Assert.True(depthError <= 0.01, $"depth differs by {depthError:P2}");
    }
}
