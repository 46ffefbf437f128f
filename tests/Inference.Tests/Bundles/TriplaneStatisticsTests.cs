using PortraitStream.Inference.Bundles;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Tests.Bundles;

public sealed class TriplaneStatisticsTests
{
    private static readonly TriplaneLayout Layout = new(2, 2, PlaneAxes.Eg3d);

    [Fact]
    public void PerPlane_MeanStdAndRange()
    {
        var data = new float[Layout.Length];
        // Plane 0: 1, 2, …, 8 (mean 4.5, population std √5.25); plane 1 zeros; plane 2 all −3.
        for (var i = 0; i < Layout.PlaneLength; i++)
        {
            data[i] = i + 1;
            data[2 * Layout.PlaneLength + i] = -3;
        }

        var statistics = TriplaneStatistics.Of(new Triplanes(Layout, data));

        var first = statistics.Planes[0];
        Assert.Equal((4.5, 1f, 8f), (first.Mean, first.Min, first.Max));
        Assert.Equal(Math.Sqrt(5.25), first.StandardDeviation, 12);
        Assert.Equal(PlaneAxes.ZX, statistics.Planes[2].Axes);
        Assert.Equal((-3.0, 0.0), (statistics.Planes[2].Mean, statistics.Planes[2].StandardDeviation));
        Assert.True(statistics.IsSane);
    }

    [Fact]
    public void AllZero_IsNotSane()
    {
        Assert.False(TriplaneStatistics.Of(new Triplanes(Layout)).IsSane);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteValues_AreCountedAndNotSane(float bad)
    {
        var data = Enumerable.Range(0, Layout.Length).Select(i => (float)i).ToArray();
        data[5] = bad;
        data[Layout.PlaneLength + 1] = bad;

        var statistics = TriplaneStatistics.Of(new Triplanes(Layout, data));

        Assert.Equal(2, statistics.NonFinite);
        Assert.Equal(1, statistics.Planes[0].NonFinite);
        Assert.True(float.IsFinite(statistics.Planes[0].Max));
        Assert.False(statistics.IsSane);
    }
}
