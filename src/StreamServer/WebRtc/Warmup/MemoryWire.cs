using System.Net;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.WebRtc.Warmup;

/// <summary>The warm-up's wire: keeps what a transport sends, in order, for the other side to take. No socket.</summary>
internal sealed class MemoryWire : IDatagramWire
{
    private readonly Queue<byte[]> _sent = new();

    public void SendTo(ReadOnlySpan<byte> datagram, EndPoint target) => _sent.Enqueue(datagram.ToArray());

    /// <summary>The oldest datagram not yet taken.</summary>
    public bool TryTake(out byte[] datagram) => _sent.TryDequeue(out datagram!);
}
