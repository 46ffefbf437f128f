using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Bundles;

/// <summary>Mean, standard deviation and range of one plane's features (finite values only).</summary>
public readonly record struct PlaneStatistics(PlaneAxes Axes, double Mean, double StandardDeviation, float Min, float Max, long NonFinite);

/// <summary>
/// Summary statistics of one frame of triplanes, to tell a working encoder from a broken one at a glance: an export
/// bug or a bad input normalisation shows as NaN/∞ values or as planes that are all zero. Says nothing about quality.
/// </summary>
public sealed record TriplaneStatistics(IReadOnlyList<PlaneStatistics> Planes)
{
    public long NonFinite => Planes.Sum(p => p.NonFinite);

    /// <summary>True when every value is finite and at least one plane varies: the least a real encoder produces.</summary>
    public bool IsSane => NonFinite == 0 && Planes.Any(p => p.StandardDeviation > 0 || p.Mean != 0);

    public static TriplaneStatistics Of(Triplanes triplanes)
    {
        ArgumentNullException.ThrowIfNull(triplanes);
        var layout = triplanes.Layout;
        var planes = new PlaneStatistics[layout.Planes];
        for (var p = 0; p < layout.Planes; p++)
        {
            planes[p] = OfPlane(layout.Axes[p], triplanes.Data.AsSpan(p * layout.PlaneLength, layout.PlaneLength));
        }
        return new TriplaneStatistics(planes);
    }

    private static PlaneStatistics OfPlane(PlaneAxes axes, ReadOnlySpan<float> values)
    {
        // Double accumulators: 2 M float32 features per EG3D plane would lose digits in a float sum.
        double sum = 0, sumOfSquares = 0;
        long count = 0, nonFinite = 0;
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                nonFinite++;
                continue;
            }
            sum += value;
            sumOfSquares += (double)value * value;
            count++;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        if (count == 0)
        {
            return new PlaneStatistics(axes, double.NaN, double.NaN, float.NaN, float.NaN, nonFinite);
        }
        var mean = sum / count;
        var variance = Math.Max(0, sumOfSquares / count - mean * mean);
        return new PlaneStatistics(axes, mean, Math.Sqrt(variance), min, max, nonFinite);
    }
}
