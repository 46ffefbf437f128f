using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Sends UDP datagrams whose source is another local socket's address and port — what an off-path attacker who
/// learned (or guessed) the browser's candidate would send. A raw IPv4 socket bound to the source address lets the
/// kernel write the IP header; we write the UDP header (RFC 768) with checksum 0, which IPv4 allows. Needs CAP_NET_RAW.
/// </summary>
internal sealed class SpoofedUdpSender : IDisposable
{
    private const int UdpHeaderLength = 8;
    private readonly Socket _raw;
    private readonly IPEndPoint _source;

    public SpoofedUdpSender(IPEndPoint source)
    {
        _source = source;
        try
        {
            _raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException("sending from the browser's address needs a raw socket (CAP_NET_RAW; ./setup.sh runs as root)", e);
        }
        _raw.Bind(new IPEndPoint(source.Address, 0));
    }

    public void Send(ReadOnlySpan<byte> payload, IPEndPoint destination)
    {
        var datagram = new byte[UdpHeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, (ushort)_source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram.AsSpan(UdpHeaderLength)); // checksum (bytes 6–7) left 0: "no checksum", RFC 768
        _raw.SendTo(datagram, new IPEndPoint(destination.Address, 0));
    }

    public void Dispose() => _raw.Dispose();
}
