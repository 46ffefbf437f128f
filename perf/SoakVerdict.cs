using System.Globalization;

namespace PortraitStream.Perf;

/// <summary>
/// Whether a soak run held: no session lost in any interval, and after the warm-up the server's resources stayed within
/// stated bounds of where they stood at the end of the warm-up. The bounds are the verdict's terms, printed with it:
/// resident memory may grow by <see cref="RssGrowth"/> (allocator and JIT settling, the GC sizing its heap to the
/// load) but not climb without end; handles, sockets and threads are counts of things a session owns, so with the same
/// sessions open they must come back to within a few of their warm values.
/// </summary>
internal sealed record SoakVerdict(bool Held, IReadOnlyList<string> Findings)
{
    public const double RssGrowth = 0.10;
    public const int HandleSlack = 16, SocketSlack = 2, ThreadSlack = 8;

    public static SoakVerdict Judge(IReadOnlyList<SoakMinute> minutes, int sessions, int warmUpMinutes)
    {
        var findings = new List<string>();
        var held = true;
        void Check(bool ok, string finding)
        {
            held &= ok;
            findings.Add((ok ? "held: " : "FAILED: ") + finding);
        }

        var lost = minutes.Where(m => m.SessionsAlive < sessions).Select(m => m.Minute).ToArray();
        Check(lost.Length == 0, lost.Length == 0
            ? $"all {sessions} sessions presented new frames in every interval"
            : $"fewer than {sessions} sessions alive in interval(s) {string.Join(", ", lost)}");

        var warm = minutes.Where(m => m.Minute >= warmUpMinutes).ToArray();
        if (warm.Length < 2)
        {
            Check(false, $"too short to judge growth: {warm.Length} interval(s) after a {warmUpMinutes}-interval warm-up");
            return new SoakVerdict(held, findings);
        }

        var (first, last) = (warm[0], warm[^1]);
        var peakRss = warm.Max(m => m.RssMb);
        Check(peakRss <= first.RssMb * (1 + RssGrowth), string.Create(CultureInfo.InvariantCulture,
            $"resident memory {first.RssMb:F0} MB at interval {first.Minute}, peak {peakRss:F0} MB, last {last.RssMb:F0} MB (bound +{RssGrowth:P0}); trend {Slope(warm, m => m.RssMb):+0.00;-0.00} MB per interval"));
        Check(last.Handles <= first.Handles + HandleSlack, $"handles {first.Handles} → {last.Handles} (bound +{HandleSlack})");
        Check(last.Sockets <= first.Sockets + SocketSlack, $"sockets {first.Sockets} → {last.Sockets} (bound +{SocketSlack})");
        Check(last.Threads <= first.Threads + ThreadSlack, $"threads {first.Threads} → {last.Threads} (bound +{ThreadSlack})");
        findings.Add(string.Create(CultureInfo.InvariantCulture,
            $"managed heap {first.GcHeapMb:F0} → {last.GcHeapMb:F0} MB (reported, not bounded: it swings with the GC's timing); errors in all: {minutes.Sum(m => m.Errors):F0}"));
        return new SoakVerdict(held, findings);
    }

    // Least-squares slope of a resource over the intervals: a leak shows as a steady climb even when no single reading is out of bounds.
    private static double Slope(IReadOnlyList<SoakMinute> minutes, Func<SoakMinute, double> value)
    {
        var meanX = minutes.Average(m => m.Minute);
        var meanY = minutes.Average(value);
        var covariance = minutes.Sum(m => (m.Minute - meanX) * (value(m) - meanY));
        var variance = minutes.Sum(m => (m.Minute - meanX) * (m.Minute - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }
}
