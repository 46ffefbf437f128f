namespace PortraitStream.Perf;

/// <summary>
/// One interval of a soak run: the server process's resources at its end and what flowed during it.
/// <paramref name="PresentedFpsLowest"/> is the slowest session's presented rate (the page's frame count);
/// <paramref name="Errors"/> sums frames a stage failed on, packet errors by any layer and the server's error log lines.
/// </summary>
internal sealed record SoakMinute(
    int Minute,
    double RssMb,
    double GcHeapMb,
    double Handles,
    double Threads,
    int Sockets,
    double FpsIn,
    double FpsOut,
    double PresentedFpsLowest,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double Errors,
    int SessionsAlive,
    double LoadAverage1);
