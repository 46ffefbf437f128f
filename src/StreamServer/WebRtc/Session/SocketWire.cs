using System.Net;
using System.Net.Sockets;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>A peer connection's wire: its UDP socket, which the connection disposes.</summary>
internal sealed class SocketWire(Socket socket) : IDatagramWire
{
    public void SendTo(ReadOnlySpan<byte> datagram, EndPoint target) => socket.SendTo(datagram, SocketFlags.None, target);
}
