using System.Globalization;

namespace PortraitStream.Perf;

/// <summary>
/// One read of a server's <c>/metrics</c> (Prometheus text format 0.0.4): every sample line's series (name and labels,
/// as written) and value. Enough for the load runs to take counter deltas and histogram percentiles between two reads.
/// </summary>
internal sealed class PrometheusScrape
{
    private readonly Dictionary<string, double> _series;

    private PrometheusScrape(Dictionary<string, double> series) => _series = series;

    public static async Task<PrometheusScrape> ReadAsync(HttpClient client, string address)
    {
        var text = await client.GetStringAsync(address.TrimEnd('/') + "/metrics");
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.Length == 0 || line[0] == '#' || space <= 0)
            {
                continue;
            }

            series[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return new PrometheusScrape(series);
    }

    /// <summary>The sum over every series of metric <paramref name="name"/> (all label sets); 0 when it has none yet.</summary>
    public double Sum(string name) => _series.Where(s => NameOf(s.Key) == name).Sum(s => s.Value);

    /// <summary>
    /// The <paramref name="quantile"/> of histogram <paramref name="name"/>'s observations made since <paramref name="earlier"/>,
    /// interpolated linearly inside the bucket it falls in (as PromQL's histogram_quantile does); positive infinity when it
    /// lies past the last finite bound; null without observations.
    /// </summary>
    public double? QuantileSince(PrometheusScrape earlier, string name, double quantile)
    {
        var buckets = Buckets(name)
            .Select(b => (b.UpperBound, Count: b.Count - earlier.Buckets(name).Where(e => e.UpperBound == b.UpperBound).Sum(e => e.Count)))
            .ToArray();
        var total = buckets.Length == 0 ? 0 : buckets[^1].Count;
        if (total <= 0)
        {
            return null;
        }

        var rank = quantile * total;
        var (lower, below) = (0.0, 0.0);
        foreach (var (upper, count) in buckets)
        {
            if (count >= rank)
            {
                return double.IsPositiveInfinity(upper) ? upper : lower + (upper - lower) * (rank - below) / Math.Max(count - below, 1e-9);
            }

            (lower, below) = (upper, count);
        }

        return lower;
    }

    // Cumulative buckets of one histogram summed over its other labels, by upper bound, ascending.
    private IEnumerable<(double UpperBound, double Count)> Buckets(string name) => _series
        .Where(s => NameOf(s.Key) == name + "_bucket")
        .GroupBy(s => UpperBound(s.Key))
        .Select(g => (UpperBound: g.Key, Count: g.Sum(s => s.Value)))
        .OrderBy(b => b.UpperBound);

    private static string NameOf(string series) => series.IndexOf('{') is var brace and >= 0 ? series[..brace] : series;

    private static double UpperBound(string series)
    {
        const string Label = "le=\"";
        var start = series.IndexOf(Label, StringComparison.Ordinal) + Label.Length;
        var bound = series[start..series.IndexOf('"', start)];
        return bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
    }
}
