using System.Net;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// Where a <see cref="SecureRtpTransport"/>'s datagrams leave: a session's UDP socket (<see cref="SocketWire"/>), or
/// memory in the start-up warm-up, which runs the transport's layers with no socket at all.
/// </summary>
internal interface IDatagramWire
{
    /// <summary>Sends <paramref name="datagram"/> to <paramref name="target"/>; throws <see cref="System.Net.Sockets.SocketException"/> as a socket does.</summary>
    void SendTo(ReadOnlySpan<byte> datagram, EndPoint target);
}
