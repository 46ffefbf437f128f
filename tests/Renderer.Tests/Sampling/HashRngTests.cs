using PortraitStream.Renderer.Sampling;

namespace PortraitStream.Renderer.Tests.Sampling;

public sealed class HashRngTests
{
    /// <summary>Each draw is a pure function of its counters: the same (seed, pixel, sequence, index) repeats exactly.</summary>
    [Fact]
    public void Draws_ArePureFunctionsOfTheirCounters()
    {
        for (uint i = 0; i < 100; i++)
        {
            Assert.Equal(
                HashRng.Uniform(42, i * 7, HashRng.Sequence.ImportanceDraw, i),
                HashRng.Uniform(42, i * 7, HashRng.Sequence.ImportanceDraw, i));
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(0xDEADBEEFu)]
    public void Draws_AreUniformOnTheUnitInterval(uint seed)
    {
        const int count = 20000;
        double sum = 0, sumSquares = 0;
        for (uint pixel = 0; pixel < count; pixel++)
        {
            float u = HashRng.Uniform(seed, pixel, HashRng.Sequence.CoarseJitter, pixel % 48);
            Assert.InRange(u, 0f, 0.99999994f);
            sum += u;
            sumSquares += u * u;
        }
        double mean = sum / count;
        // Mean 1/2 and variance 1/12, each within about five standard errors.
        Assert.InRange(mean, 0.5 - 0.011, 0.5 + 0.011);
        Assert.InRange(sumSquares / count - mean * mean, 1.0 / 12 - 0.005, 1.0 / 12 + 0.005);
    }

    /// <summary>Changing any one counter gives a different number: neighbouring pixels, samples and sequences never share draws.</summary>
    [Fact]
    public void EveryCounter_ChangesTheDraw()
    {
        float baseline = HashRng.Uniform(5, 100, HashRng.Sequence.CoarseJitter, 3);

        Assert.NotEqual(baseline, HashRng.Uniform(6, 100, HashRng.Sequence.CoarseJitter, 3));
        Assert.NotEqual(baseline, HashRng.Uniform(5, 101, HashRng.Sequence.CoarseJitter, 3));
        Assert.NotEqual(baseline, HashRng.Uniform(5, 100, HashRng.Sequence.ImportanceDraw, 3));
        Assert.NotEqual(baseline, HashRng.Uniform(5, 100, HashRng.Sequence.CoarseJitter, 4));
    }
}
