using Microsoft.Extensions.Logging;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>Source-generated log messages of <see cref="PeerConnection"/> (event ids 5100–5199).</summary>
internal static partial class PeerConnectionLog
{
    [LoggerMessage(5100, LogLevel.Information, "Peer connection {Id} listening on {LocalEndPoint}")]
    public static partial void Listening(ILogger logger, string id, System.Net.EndPoint? localEndPoint);

    [LoggerMessage(5101, LogLevel.Information, "Peer connection {Id}: ICE pair nominated, remote {Remote}")]
    public static partial void Nominated(ILogger logger, string id, System.Net.IPEndPoint remote);

    [LoggerMessage(5102, LogLevel.Information, "Peer connection {Id}: DTLS connected, SRTP keyed")]
    public static partial void Secured(ILogger logger, string id);

    [LoggerMessage(5103, LogLevel.Information, "Peer connection {Id} closed: {Reason}")]
    public static partial void Closed(ILogger logger, string id, string reason);

    [LoggerMessage(5104, LogLevel.Error, "Peer connection {Id}: unexpected fault handling a datagram")]
    public static partial void Fault(ILogger logger, string id, Exception exception);
}
