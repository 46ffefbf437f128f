using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// The live sampler on the committed portrait (relief encoder), against EG3D's sampler at 48 + 48 rendered in the test:
/// PSNR over the face region (the central half of the frame, where the aligned crop puts the face). perf's `quality`
/// command measures the same against a 128 + 128 reference: 48.5–61 dB; the bounds here keep a wide margin.
/// </summary>
public sealed class LivePortraitQualityTests(RenderedPortrait portrait, ITestOutputHelper output) : IClassFixture<RenderedPortrait>
{
    private const int Size = 128;

    [Theory]
    [InlineData(0f, 0f, 35.0)]
    [InlineData(30f, 0f, 28.0)]
    [InlineData(-30f, 0f, 28.0)]
    [InlineData(0f, 15f, 28.0)]
    public void LiveView_MatchesTheReferenceSampler(float yaw, float pitch, double minimumPsnr)
    {
        var view = new CameraView(yaw, pitch);
        var reference = portrait.Render(view, new SampleCounts(48, 48), Size).ToRgbImage();
        var live = RenderTarget.Allocate(Size, Size);
        new CpuVolumeRenderer().Render(portrait.Request(view, size: Size) with { Live = LiveSampling.Default }, live);

        var region = new PixelRegion(Size / 4, Size / 4, Size / 2, Size / 2);
        double psnr = ImageQuality.Psnr(live.ToRgbImage(), reference, region);
        double ssim = ImageQuality.Ssim(live.ToRgbImage(), reference, region);
        output.WriteLine($"yaw {yaw}°, pitch {pitch}°: live vs 48+48 {psnr:0.0} dB, SSIM {ssim:0.000}");
        Assert.True(psnr >= minimumPsnr, $"{psnr:0.0} dB < {minimumPsnr} dB");
        Assert.True(ssim >= 0.95, $"SSIM {ssim:0.000}");
    }
}
