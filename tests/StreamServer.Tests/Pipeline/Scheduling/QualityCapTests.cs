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
        Assert.Equal(new RenderQuality(cappedSize, SamplerQuality.Reference, cappedSamples), QualityCap.Fit(new RenderQuality(size, SamplerQuality.Reference, samples), MsPerUnit, budgetMs));

    [Theory]
    [InlineData(512, 1000, 512)] // 512² live = 512² × LiveSamplesPerPixel units: 10.5 ms
    [InlineData(512, 5, 256)]    // 384²: 5.9 ms, 256²: 2.6 ms
    [InlineData(512, 0.1, 128)]  // never below the smallest size
    public void Fit_Live_StepsSizeAndKeepsTheSampler(int size, double budgetMs, int cappedSize) =>
        Assert.Equal(new RenderQuality(cappedSize, SamplerQuality.Live, 0),
            QualityCap.Fit(new RenderQuality(size, SamplerQuality.Live, 0), MsPerUnit, budgetMs));

    [Fact]
    public void Fit_Unmeasured_LeavesTheQuality() =>
        Assert.Equal(new RenderQuality(512, SamplerQuality.Reference, 96), QualityCap.Fit(new RenderQuality(512, SamplerQuality.Reference, 96), 0, 1));
}
