using Microsoft.Extensions.Logging;

namespace PortraitStream.Server.Pipeline;

/// <summary>Source-generated log messages of the live pipeline (event ids 6000–6099).</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(6000, LogLevel.Information, "Pipeline for {Connection} started: renderer {Renderer}, {Quality}")]
    public static partial void Started(ILogger logger, string connection, string renderer, string quality);

    [LoggerMessage(6001, LogLevel.Information, "Pipeline for {Connection} stopped")]
    public static partial void Stopped(ILogger logger, string connection);

    [LoggerMessage(6002, LogLevel.Warning, "Pipeline for {Connection}: stage {Stage} failed on a frame; the frame is dropped")]
    public static partial void FrameFault(ILogger logger, string connection, string stage, Exception exception);

    [LoggerMessage(6003, LogLevel.Error, "Pipeline for {Connection}: stage {Stage} stopped; the session ends")]
    public static partial void StageFailed(ILogger logger, string connection, string stage, Exception exception);

    [LoggerMessage(6004, LogLevel.Debug, "Connection {Connection}: control call refused: {Reason}")]
    public static partial void ControlRefused(ILogger logger, string connection, string reason);

    [LoggerMessage(6005, LogLevel.Error, "Default model {Model} failed to load; the server is not ready until a session loads it")]
    public static partial void DefaultModelFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(6006, LogLevel.Information, "Pipeline warmed up in {Milliseconds:F0} ms, the media edge in {TransportMilliseconds:F0} ms of it: the first session starts warm")]
    public static partial void WarmedUp(ILogger logger, double milliseconds, double transportMilliseconds);

    [LoggerMessage(6007, LogLevel.Warning, "Pipeline warm-up failed; the first session pays the start-up itself")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(6008, LogLevel.Warning, "Media edge warm-up failed; the first session pays the transport's first use itself")]
    public static partial void TransportWarmUpFailed(ILogger logger, Exception exception);
}
