using System.Net;
using System.Net.Sockets;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>Binds one peer connection's UDP socket to the first free port of the configured range.</summary>
internal static class UdpSocketBinder
{
    /// <summary>Binds on all interfaces of <paramref name="family"/>; throws when the range is exhausted.</summary>
    public static Socket Bind(AddressFamily family, int portMin, int portMax)
    {
        var any = family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        if (portMin == 0 && portMax == 0)
        {
            return BindTo(new IPEndPoint(any, 0)) ?? throw new InvalidOperationException("no ephemeral UDP port is free");
        }

        // Start at a random offset so concurrent sessions do not all race for the lowest port.
        int span = portMax - portMin + 1;
        int offset = Random.Shared.Next(span);
        for (int i = 0; i < span; i++)
        {
            if (BindTo(new IPEndPoint(any, portMin + ((offset + i) % span))) is { } socket)
            {
                return socket;
            }
        }

        throw new InvalidOperationException($"no UDP port free in {portMin}–{portMax}");
    }

    // A key frame at a few Mbit/s arrives as a burst of 100+ packets; the default buffer (~200 KB of
    // kernel accounting, a few hundred small datagrams) would drop part of it while a GC pause runs.
    private const int ReceiveBufferBytes = 1 << 20;

    private static Socket? BindTo(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = ReceiveBufferBytes };
        try
        {
            socket.Bind(endPoint);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
