using System.Globalization;

namespace PortraitStream.Perf;

/// <summary>What the load runs (hardening, fuzz, fidelity, soak) share: integer options and the load average printed beside their figures.</summary>
internal static class LoadRun
{
    public static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string? StringOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>The 1, 5 and 15 minute load averages, joined by <paramref name="separator"/>: figures taken on a busy machine say so.</summary>
    public static string LoadAverage(string separator = " ") =>
        File.Exists("/proc/loadavg") ? string.Join(separator, File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
