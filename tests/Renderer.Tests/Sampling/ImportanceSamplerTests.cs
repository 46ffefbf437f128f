using PortraitStream.Renderer.Sampling;

namespace PortraitStream.Renderer.Tests.Sampling;

public sealed class ImportanceSamplerTests
{
    private const int Coarse = 48;

    /// <summary>
    /// With one heavy interval, most draws land near it: its smoothed weight ≈ 1 against a 0.01 floor over the other
    /// bins gives it and its neighbours well over half the pdf.
    /// </summary>
    [Theory]
    [InlineData(10)]
    [InlineData(24)]
    [InlineData(40)]
    public void Samples_ConcentrateWhereTheWeightIs(int peak)
    {
        var depths = Enumerable.Range(0, Coarse).Select(k => 2f + k * 0.02f).ToArray();
        var weights = new float[Coarse - 1];
        weights[peak] = 0.95f;
        var output = new float[48];

        ImportanceSampler.Sample(depths, weights, new float[Coarse], output, seed: 1, pixel: 5);

        float low = depths[peak - 1], high = depths[peak + 2];
        int near = output.Count(t => t >= low && t <= high);
        Assert.True(near > output.Length / 2, $"{near} of {output.Length} samples near the peak");
    }

    /// <summary>Draws come out sorted (the merge needs that) and inside EG3D's bins: coarse midpoints 0 … Nc − 3.</summary>
    [Theory]
    [InlineData(4, 1u)]
    [InlineData(48, 2u)]
    [InlineData(64, 3u)]
    public void Samples_AreSortedAndInsideTheBins(int coarse, uint seed)
    {
        var depths = Enumerable.Range(0, coarse).Select(k => 1f + k * 0.03f + 0.01f * (k % 3)).ToArray();
        var weights = Enumerable.Range(0, coarse - 1).Select(k => (float)((k * 37) % 11) / 11f).ToArray();
        var output = new float[48];

        ImportanceSampler.Sample(depths, weights, new float[coarse], output, seed, pixel: 9);

        Assert.Equal(output.Order(), output);
        Assert.All(output, t => Assert.InRange(t, 0.5f * (depths[0] + depths[1]), 0.5f * (depths[coarse - 3] + depths[coarse - 2])));
    }

    /// <summary>All-zero weights (an empty ray) still sample the whole ray, thanks to the 0.01 floor.</summary>
    [Fact]
    public void ZeroWeights_SpreadSamplesAlongTheRay()
    {
        var depths = Enumerable.Range(0, Coarse).Select(k => k * 0.1f).ToArray();
        var output = new float[200];

        ImportanceSampler.Sample(depths, new float[Coarse - 1], new float[Coarse], output, seed: 4, pixel: 0);

        Assert.True(output.Count(t => t < 2.3f) is > 50 and < 150, "about half the samples in the first half of the bins");
    }
}
