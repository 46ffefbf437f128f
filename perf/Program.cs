using BenchmarkDotNet.Running;

// Runs the suites named on the command line, e.g. `dotnet run -c Release --project perf -- --filter '*Face*'`.
// perf/README.md lists the suites; perf/RESULTS.md holds the latest figures.
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
