using Microsoft.Extensions.Logging;

namespace PortraitStream.Server.Cli;

/// <summary>Commands log warnings and worse to stderr, so stdout stays clean for their results (and --json).</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(options => options.SingleLine = true)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
        .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning));
}
