using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>
/// SR: sender info plus report blocks (RFC 3550 §6.4.1). Report blocks are read one at a time with
/// <see cref="ReportBlocks.TryGet"/> from offset <see cref="BlocksOffset"/>.
/// </summary>
internal readonly record struct SenderReport(uint Ssrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Header, SSRC and the 20-byte sender info.</summary>
    public const int BlocksOffset = 28;

    /// <summary>Reads the sender info; <paramref name="reportCount"/> is the number of blocks that follow.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out SenderReport report, out int reportCount)
    {
        report = default;
        reportCount = 0;
        if (!RtcpHeader.TryRead(packet, out var header) || header.PacketType != RtcpPacketType.SenderReport
            || packet.Length < BlocksOffset + (header.Count * ReceptionReport.Length))
        {
            return false;
        }

        report = new SenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt64BigEndian(packet[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[20..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[24..]));
        reportCount = header.Count;
        return true;
    }

    /// <summary>Writes an SR carrying <paramref name="blocks"/>.</summary>
    public bool TryWrite(Span<byte> destination, ReadOnlySpan<ReceptionReport> blocks, out int written)
    {
        written = BlocksOffset + (blocks.Length * ReceptionReport.Length);
        if (destination.Length < written
            || !RtcpHeader.TryWrite(destination, (byte)blocks.Length, RtcpPacketType.SenderReport, written))
        {
            written = 0;
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], OctetCount);
        return ReportBlocks.TryWrite(destination[BlocksOffset..], blocks);
    }
}
