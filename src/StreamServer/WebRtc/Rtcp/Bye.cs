using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>BYE (RFC 3550 §6.6): the sources leaving; an optional reason is ignored.</summary>
internal static class Bye
{
    /// <summary>Reads the source count; SSRC i is at offset 4 + 4i.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out int sourceCount)
    {
        sourceCount = 0;
        if (!RtcpHeader.TryRead(packet, out var header) || header.PacketType != RtcpPacketType.Bye
            || packet.Length < RtcpHeader.Length + (4 * header.Count))
        {
            return false;
        }

        sourceCount = header.Count;
        return true;
    }

    /// <summary>The i-th SSRC of a BYE read with <see cref="TryRead"/>.</summary>
    public static uint GetSource(ReadOnlySpan<byte> packet, int index) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[(RtcpHeader.Length + (4 * index))..]);

    /// <summary>Writes a BYE for one SSRC.</summary>
    public static bool TryWrite(Span<byte> destination, uint ssrc, out int written)
    {
        written = 8;
        if (destination.Length < written || !RtcpHeader.TryWrite(destination, 1, RtcpPacketType.Bye, written))
        {
            written = 0;
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        return true;
    }
}
