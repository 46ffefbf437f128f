namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>One packet of a compound RTCP datagram: its header and its bytes (header included, padding kept).</summary>
internal readonly ref struct RtcpPacket
{
    /// <summary>Creates a view.</summary>
    public RtcpPacket(RtcpHeader header, ReadOnlySpan<byte> bytes)
    {
        Header = header;
        Bytes = bytes;
    }

    /// <summary>The common header.</summary>
    public RtcpHeader Header { get; }

    /// <summary>The whole packet.</summary>
    public ReadOnlySpan<byte> Bytes { get; }
}

/// <summary>
/// Splits a compound RTCP datagram (RFC 3550 §6.1) into packets by their length fields, stopping at the
/// first one that is malformed or overruns the datagram.
/// </summary>
internal ref struct RtcpCompoundEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private int _next;

    /// <summary>Walks <paramref name="datagram"/>.</summary>
    public RtcpCompoundEnumerator(ReadOnlySpan<byte> datagram)
    {
        _data = datagram;
        _next = 0;
        Current = default;
        EndedCleanly = false;
    }

    /// <summary>The packet at the cursor.</summary>
    public RtcpPacket Current { get; private set; }

    /// <summary>True once every byte was consumed by well-formed packets.</summary>
    public bool EndedCleanly { get; private set; }

    /// <summary>Supports <c>foreach</c>.</summary>
    public readonly RtcpCompoundEnumerator GetEnumerator() => this;

    /// <summary>Advances.</summary>
    public bool MoveNext()
    {
        if (_next == _data.Length)
        {
            EndedCleanly = _next > 0;
            return false;
        }

        if (!RtcpHeader.TryRead(_data[_next..], out var header) || _next + header.PacketLength > _data.Length)
        {
            _next = _data.Length;
            EndedCleanly = false;
            return false;
        }

        Current = new RtcpPacket(header, _data.Slice(_next, header.PacketLength));
        _next += header.PacketLength;
        return true;
    }
}
