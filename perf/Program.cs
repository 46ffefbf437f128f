using BenchmarkDotNet.Running;

// Runs the suites named on the command line, e.g. `dotnet run -c Release --project perf -- --filter '*Face*'`.
// perf/README.md lists the suites; perf/RESULTS.md holds the latest figures.
// The executing assembly rather than typeof(Program): the referenced web server has a public Program of its own.
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
