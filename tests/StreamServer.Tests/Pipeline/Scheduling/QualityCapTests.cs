using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Scheduling;

namespace PortraitStream.Server.Tests.Pipeline.Scheduling;

public sealed class QualityCapTests
{
    // 1e-5 ms per pixel-sample: 192² × 6 ≈ 2.2 ms, 512² × 96 ≈ 252 ms.
    private const double MsPerUnit = 1e-5;

    [Theory]
    [InlineData(512, 96, 1000, 512, 96)] // fits: untouched
    [InlineData(512, 96, 100, 256, 96)]  // size steps down first
    [InlineData(512, 96, 10, 128, 61)]   // then samples, at the smallest size
    [InlineData(512, 96, 0.1, 128, 4)]   // never below the smallest quality
    [InlineData(192, 6, 1, 128, 6)]
    public void Fit_StepsSizeThenSamples(int size, int samples, double budgetMs, int cappedSize, int cappedSamples) =>
        Assert.Equal(new RenderQuality(cappedSize, cappedSamples), QualityCap.Fit(new RenderQuality(size, samples), MsPerUnit, budgetMs));

    [Fact]
    public void Fit_Unmeasured_LeavesTheQuality() =>
        Assert.Equal(new RenderQuality(512, 96), QualityCap.Fit(new RenderQuality(512, 96), 0, 1));
}
