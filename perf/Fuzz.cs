using PortraitStream.Server.Tests.WebRtc.Fuzz;
using static PortraitStream.Perf.LoadRun;

namespace PortraitStream.Perf;

/// <summary>
/// Issue #16 item 5, fuzzing at scale (perf/RESULTS-fuzz.md): every parser that reads outside bytes gets
/// <c>--count</c> seeded mutated inputs (default a million), the same targets the hostile-input tests run five
/// thousand times. A crash is an exception escaping a parser (caught and counted per parser so one does not hide the
/// next) or the process dying. A robustness run, not a timing benchmark: the seconds are reported beside the load average.
/// <c>dotnet run -c Release --project perf -- fuzz [--count N] [--seed S] [--only TEXT]</c> (only the parsers whose name
/// contains TEXT); exits 1 when anything crashed.
/// </summary>
internal static class Fuzz
{
    public static int Run(string[] args)
    {
        var count = IntOption(args, "--count", 1_000_000);
        var seed = IntOption(args, "--seed", 5769);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average at start: {LoadAverage()}; seed {seed}; {count:N0} inputs per parser");
        Console.WriteLine();
        Console.WriteLine("| parser | inputs | accepted | refused | exceptions | layer's own counters | seconds | load average after |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |");
        var crashes = new List<FuzzResult>();
        var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : "";
        foreach (var create in FuzzTargets.All)
        {
            using var target = create();
            if (!target.Parser.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var result = FuzzRunner.Run(target, count, seed);
            var counters = result.Counters.Count == 0 ? "—" : string.Join(", ", result.Counters.Select(c => $"{c.Key} {c.Value:N0}"));
            Console.WriteLine(FormattableString.Invariant(
                $"| {result.Parser} | {result.Inputs:N0} | {result.Accepted:N0} | {result.Refused:N0} | {result.Exceptions:N0} | {counters} | {result.Elapsed.TotalSeconds:F1} | {LoadAverage()} |"));
            if (result.Exceptions > 0)
            {
                crashes.Add(result);
            }
        }
        Console.WriteLine();
        foreach (var crash in crashes)
        {
            Console.WriteLine(crash.Describe());
        }
        Console.WriteLine(crashes.Count == 0 ? "verdict: 0 crashes" : $"verdict: {crashes.Count} parser(s) threw");
        return crashes.Count == 0 ? 0 : 1;
    }
}
