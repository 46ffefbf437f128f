using System.Globalization;
using PortraitStream.Server.Tests.Hosting;

namespace PortraitStream.Perf;

/// <summary>
/// One read of a server's <c>/metrics</c>, parsed by the tests' strict exposition parser (<see cref="PrometheusText"/>),
/// with what the load runs take from two reads: counter deltas and histogram percentiles between them.
/// </summary>
internal sealed class PrometheusScrape
{
    private readonly PrometheusText _text;

    private PrometheusScrape(PrometheusText text) => _text = text;

    public static async Task<PrometheusScrape> ReadAsync(HttpClient client, string address) =>
        new(PrometheusText.Parse(await client.GetStringAsync(address.TrimEnd('/') + "/metrics")));

    /// <summary>The sum over every series of metric <paramref name="name"/> with <paramref name="labels"/> (all label sets when none); 0 when it has none yet.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) => _text.Series(name, labels).Sum(s => s.Value);

    /// <summary>
    /// The <paramref name="quantile"/> of histogram <paramref name="name"/>'s observations made since <paramref name="earlier"/>,
    /// interpolated linearly inside the bucket it falls in (as PromQL's histogram_quantile does); positive infinity when it
    /// lies past the last finite bound; null without observations.
    /// </summary>
    public double? QuantileSince(PrometheusScrape earlier, string name, double quantile)
    {
        var before = earlier.Buckets(name).ToDictionary(b => b.UpperBound, b => b.Count);
        var buckets = Buckets(name).Select(b => (b.UpperBound, Count: b.Count - before.GetValueOrDefault(b.UpperBound))).ToArray();
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
    private IEnumerable<(double UpperBound, double Count)> Buckets(string name) => _text.Series(name + "_bucket")
        .GroupBy(s => s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], CultureInfo.InvariantCulture))
        .Select(g => (UpperBound: g.Key, Count: g.Sum(s => s.Value)))
        .OrderBy(b => b.UpperBound);
}
