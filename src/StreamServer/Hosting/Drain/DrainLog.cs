using System.Runtime.InteropServices;

namespace PortraitStream.Server.Hosting.Drain;

internal static partial class DrainLog
{
    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "SIGTERM: draining — readiness 503, no new sessions; waiting for {Sessions} open sessions to end, {Timeout} at most (Hosting:DrainTimeout). Another SIGTERM or Ctrl+C stops at once")]
    public static partial void Draining(ILogger logger, int sessions, TimeSpan timeout);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Drained: no session open; shutting down")]
    public static partial void Drained(ILogger logger);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Drain timeout (Hosting:DrainTimeout {Timeout}) reached with {Sessions} sessions open; shutting down, which ends them")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan timeout, int sessions);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Information, Message = "{Signal}: shutting down now")]
    public static partial void StoppingNow(ILogger logger, PosixSignal signal);
}
