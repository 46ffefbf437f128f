using System.Net;

namespace PortraitStream.Server.WebRtc.Faults;

/// <summary>Where a <see cref="FaultInjector"/> delivers what it lets through: the receive loop, or the socket's send.</summary>
internal interface IDatagramSink
{
    /// <summary>Takes one datagram from or to <paramref name="address"/>; may change it in place (SRTP unprotects in place).</summary>
    void Deliver(Span<byte> datagram, SocketAddress address);
}
