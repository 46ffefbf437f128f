using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Live;

namespace PortraitStream.Renderer.Tests.Live;

/// <summary>
/// The points a march keeps in one run of occupied cells (<see cref="RunWalk"/>): every other point through empty
/// space, every point from the first density on, the landing leap taken back, and the CPU's batches asking for
/// exactly the points the one-at-a-time walk (the Vulkan kernel's) keeps, with at most one batch's worth wasted.
/// </summary>
public sealed class RunWalkTests
{
    private const float Threshold = 0f;

    [Fact]
    public void EmptyRun_KeepsEveryOtherPointAndTheEnd()
    {
        Assert.Equal([0, 2, 4, 6, 8, 9], KeptOneAtATime(last: 9, firstDense: int.MaxValue));
        Assert.Equal([0, 2, 4, 6, 8], KeptOneAtATime(last: 8, firstDense: int.MaxValue));
    }

    [Fact]
    public void LeapLandingOnDensity_KeepsTheSkippedPointFirstThenEveryPoint()
    {
        // Density from point 5 on: the leap 4 → 6 lands on it, so 5 is kept, then 6, then every point.
        Assert.Equal([0, 2, 4, 5, 6, 7, 8, 9, 10], KeptOneAtATime(last: 10, firstDense: 5));
        // Density from point 6 on: the same leap lands on it; 5 (empty) is kept before it all the same.
        Assert.Equal([0, 2, 4, 5, 6, 7, 8], KeptOneAtATime(last: 8, firstDense: 6));
    }

    [Fact]
    public void DensityAtTheRunStart_KeepsEveryPoint()
    {
        Assert.Equal([0, 1, 2, 3, 4], KeptOneAtATime(last: 4, firstDense: 0));
    }

    [Fact]
    public void WalkThatMayNotLeap_KeepsEveryPoint()
    {
        var kept = new List<int>();
        var walk = new RunWalk(5, Threshold, leap: false);
        while (walk.Next <= walk.Last)
        {
            int point = walk.Next;
            Assert.True(walk.Offer(Sample(point, int.MaxValue)));
            kept.Add(point);
        }
        Assert.Equal([0, 1, 2, 3, 4, 5], kept);
    }

    [Theory]
    [InlineData(12, 0)]
    [InlineData(12, 1)]
    [InlineData(12, 5)]
    [InlineData(12, 6)]
    [InlineData(12, 12)]
    [InlineData(13, int.MaxValue)]
    [InlineData(1, 1)]
    [InlineData(30, 17)]
    public void Batches_KeepWhatTheOneAtATimeWalkKeeps_WastingAtMostABatchAtTheFirstDensity(int last, int firstDense)
    {
        var queried = new List<int>();
        var kept = new List<int>();
        var walk = new RunWalk(last, Threshold, leap: true);
        Span<int> ahead = stackalloc int[4];
        while (walk.Next <= walk.Last)
        {
            int batch = walk.Ahead(ahead);
            queried.AddRange(ahead[..batch].ToArray());
            for (int j = 0; walk.Next <= walk.Last;)
            {
                int point = walk.Next;
                if (!walk.Held(out var sample))
                {
                    while (j < batch && ahead[j] < point) j++;
                    if (j == batch || ahead[j] != point) break;
                    sample = Sample(ahead[j++], firstDense);
                }
                Assert.Equal(point, (int)sample.Depth);
                if (walk.Offer(sample)) kept.Add(point);
            }
        }

        Assert.Equal(KeptOneAtATime(last, firstDense), kept);
        Assert.Subset(queried.ToHashSet(), kept.ToHashSet());
        // The batch that leaps onto the density queries up to three points the walk then asks for differently.
        Assert.InRange(queried.Count - kept.Count, 0, ahead.Length - 1);
    }

    /// <summary>The walk as the Vulkan kernel runs it: one query per point asked for, the held sample reused.</summary>
    private static List<int> KeptOneAtATime(int last, int firstDense)
    {
        var kept = new List<int>();
        var walk = new RunWalk(last, Threshold, leap: true);
        while (walk.Next <= walk.Last)
        {
            int point = walk.Next;
            var sample = walk.Held(out var held) ? held : Sample(point, firstDense);
            if (walk.Offer(sample)) kept.Add(point);
        }
        return kept;
    }

    /// <summary>Point n's sample: its number as depth, dense (raw σ 1) from <paramref name="firstDense"/> on, else −1.</summary>
    private static RaySample Sample(int point, int firstDense) =>
        new(point, new RadianceSample(point >= firstDense ? 1f : -1f, 0f, 0f, 0f));
}
