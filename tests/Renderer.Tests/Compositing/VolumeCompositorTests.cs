using PortraitStream.Renderer.Compositing;
using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Compositing;

public sealed class VolumeCompositorTests
{
    private const float DensityBias = -1f;

    /// <summary>Weights are α·T with T the transmittance left: Σw = 1 − Π(1 − α) can approach 1 but never pass it, whatever the densities.</summary>
    [Theory]
    [InlineData(1u, 1f)]
    [InlineData(2u, 30f)]
    [InlineData(3u, 1000f)]
    [InlineData(4u, 1e8f)]
    public void Weights_NeverSumAboveOne(uint seed, float densityScale)
    {
        var samples = RandomSamples(96, seed, densityScale);
        var weights = new float[95];

        var result = VolumeCompositor.Composite(samples, DensityBias, weights);

        Assert.All(weights, w => Assert.InRange(w, 0f, 1f));
        Assert.True(weights.Sum() <= 1f, $"weights sum to {weights.Sum():R}");
        Assert.InRange(result.Opacity, 0f, 1f);
        Assert.Equal(weights.Sum(), result.Opacity, 1e-6f);
    }

    /// <summary>One opaque interval takes all the weight: colour is its midpoint colour, depth its midpoint depth.</summary>
    [Fact]
    public void OpaqueInterval_TakesAllTheWeight_AtItsMidpoint()
    {
        RaySample[] samples =
        [
            new(2.0f, new RadianceSample(-30f, 0.1f, 0.1f, 0.1f)),
            new(2.1f, new RadianceSample(-30f, 0.1f, 0.1f, 0.1f)),
            new(2.2f, new RadianceSample(5000f, 0.9f, 0.5f, 0.2f)),
            new(2.3f, new RadianceSample(5000f, 0.7f, 0.3f, 0.0f)),
        ];

        var result = VolumeCompositor.Composite(samples, DensityBias, new float[3]);

        Assert.Equal(1f, result.Opacity, 1e-5f);
        Assert.Equal(2.15f, result.Depth, 1e-4f);
        Assert.Equal(0.5f * (0.1f + 0.9f), result.R, 1e-4f);
    }

    [Fact]
    public void EmptyRay_IsBackground()
    {
        var samples = Enumerable.Range(0, 8).Select(k => new RaySample(2f + k * 0.1f, new RadianceSample(-200f, 1f, 1f, 1f))).ToArray();

        Assert.Equal(CompositedRay.Background, VolumeCompositor.Composite(samples, DensityBias, new float[7]));
    }

    /// <summary>Depth is the weighted mean of interval midpoints, so it stays inside the samples' range.</summary>
    [Theory]
    [InlineData(5u)]
    [InlineData(6u)]
    public void Depth_StaysInsideTheSampleRange(uint seed)
    {
        var samples = RandomSamples(48, seed, 10f);

        var result = VolumeCompositor.Composite(samples, DensityBias, new float[47]);

        Assert.InRange(result.Depth, samples[0].Depth, samples[^1].Depth);
    }

    /// <summary>
    /// The skipping sampler composites a ray a range at a time (<see cref="CompositeAccumulator"/>); any split must give
    /// the same floats as compositing it at once, or pixels with nothing to skip would change.
    /// </summary>
    [Theory]
    [InlineData(7u, 1)]
    [InlineData(8u, 5)]
    [InlineData(9u, 13)]
    public void CompositingInRanges_GivesTheSameFloats(uint seed, int rangeLength)
    {
        var samples = RandomSamples(48, seed, 10f);
        var wholeWeights = new float[47];
        var whole = VolumeCompositor.Composite(samples, DensityBias, wholeWeights);

        var weights = new float[47];
        var accumulator = new CompositeAccumulator();
        for (int first = 0; first < 47; first += rangeLength)
        {
            accumulator.Add(samples, first, Math.Min(first + rangeLength, 47), DensityBias, weights);
        }

        Assert.Equal(whole, accumulator.Result(samples[0].Depth, samples[^1].Depth));
        Assert.Equal(wholeWeights, weights);
    }

    private static RaySample[] RandomSamples(int count, uint seed, float densityScale)
    {
        var raw = RandomScene.Values(count, seed, densityScale);
        var colours = RandomScene.Values(count, seed + 100, 1f);
        var gaps = RandomScene.Values(count, seed + 200, 0.02f);
        var samples = new RaySample[count];
        float depth = 2f;
        for (int k = 0; k < count; k++)
        {
            depth += 0.021f + gaps[k];
            float colour = 0.5f + 0.5f * colours[k];
            samples[k] = new RaySample(depth, new RadianceSample(raw[k], colour, 1f - colour, 0.5f));
        }
        return samples;
    }
}
