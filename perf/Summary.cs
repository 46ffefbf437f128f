using System.Globalization;
using System.Text.Json;

namespace PortraitStream.Perf;

/// <summary>Median, p90 and max of a set of millisecond samples, as one printable line.</summary>
internal static class Summary
{
    public static string Of(string name, JsonElement samples)
    {
        var sorted = samples.EnumerateArray().Select(s => s.GetDouble()).Order().ToArray();
        if (sorted.Length == 0)
        {
            return $"{name}: no samples";
        }

        // Nearest-rank percentiles: every figure printed is a latency that was actually observed.
        double Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: n={sorted.Length} median={Rank(0.5):F1} ms p90={Rank(0.9):F1} ms max={sorted[^1]:F1} ms min={sorted[0]:F1} ms");
    }
}
