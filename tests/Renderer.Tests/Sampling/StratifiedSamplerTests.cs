using PortraitStream.Renderer.Sampling;

namespace PortraitStream.Renderer.Tests.Sampling;

public sealed class StratifiedSamplerTests
{
    /// <summary>Sample k lies in its own stratum [start + kΔ, start + (k + 1)Δ), Δ = length / N: sorted and inside the segment.</summary>
    [Theory]
    [InlineData(2.25f, 3.3f, 48, 0u)]
    [InlineData(2.2f, 3.2f, 2, 9u)]
    [InlineData(0.5f, 0.6f, 96, 77u)]
    public void EachSample_FallsInItsOwnStratum(float start, float end, int count, uint pixel)
    {
        var depths = new float[count];
        StratifiedSampler.Fill(new RaySegment(start, end), depths, seed: 3, pixel);

        float step = (end - start) / count;
        for (int k = 0; k < count; k++)
        {
            Assert.InRange(depths[k], start + k * step - 1e-5f, start + (k + 1) * step + 1e-5f);
        }
        Assert.Equal(depths.Order(), depths);
    }
}
