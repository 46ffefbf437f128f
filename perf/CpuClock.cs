using System.Diagnostics;

namespace PortraitStream.Perf;

/// <summary>
/// Wall and process CPU time over one call. CPU time is what the harnesses compare: other load on the machine inflates
/// it far less than wall time (divided by the cores used, it is the wall time of a quiet machine).
/// </summary>
internal static class CpuClock
{
    public static (double WallMs, double CpuMs) Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        double wall = clock.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuStart).TotalMilliseconds);
    }
}
