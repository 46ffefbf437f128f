namespace PortraitStream.Server.WebRtc.Interceptors;

/// <summary>
/// Send stage: keeps the last packets sent (plain RTP, before SRTP) so NACKed ones can be sent again
/// (RFC 4585 §6.2.1; without RTX they go out unchanged on the same SSRC and sequence number, which SRTP
/// accepts because the receiver never saw that index). Preallocated ring; no allocation per packet.
/// </summary>
internal sealed class RetransmissionHistory
{
    private readonly byte[][] _packets;
    private readonly int[] _lengths;
    private readonly ushort[] _sequences;

    /// <summary>Keeps <paramref name="capacity"/> packets of up to <paramref name="maxPacketLength"/> bytes.</summary>
    public RetransmissionHistory(int capacity, int maxPacketLength)
    {
        _packets = new byte[capacity][];
        for (int i = 0; i < capacity; i++)
        {
            _packets[i] = new byte[maxPacketLength];
        }

        _lengths = new int[capacity];
        _sequences = new ushort[capacity];
    }

    /// <summary>Packets found and handed back for resending.</summary>
    public long Retransmitted { get; private set; }

    /// <summary>NACKed packets no longer (or never) held.</summary>
    public long Missed { get; private set; }

    /// <summary>Remembers a sent packet.</summary>
    public void Store(ushort sequence, ReadOnlySpan<byte> packet)
    {
        int slot = sequence % _packets.Length;
        if (packet.Length > _packets[slot].Length)
        {
            _lengths[slot] = 0;
            return;
        }

        packet.CopyTo(_packets[slot]);
        _lengths[slot] = packet.Length;
        _sequences[slot] = sequence;
    }

    /// <summary>Copies the packet with <paramref name="sequence"/> into <paramref name="destination"/>; 0 when not held.</summary>
    public int CopyTo(ushort sequence, Span<byte> destination)
    {
        int slot = sequence % _packets.Length;
        int length = _lengths[slot];
        if (length == 0 || _sequences[slot] != sequence || length > destination.Length)
        {
            Missed++;
            return 0;
        }

        _packets[slot].AsSpan(0, length).CopyTo(destination);
        Retransmitted++;
        return length;
    }
}
