using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>RR: the reporter's SSRC and report blocks (RFC 3550 §6.4.2).</summary>
internal readonly record struct ReceiverReport(uint Ssrc)
{
    /// <summary>Header and SSRC.</summary>
    public const int BlocksOffset = 8;

    /// <summary>Reads the reporter; <paramref name="reportCount"/> blocks follow at <see cref="BlocksOffset"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out ReceiverReport report, out int reportCount)
    {
        report = default;
        reportCount = 0;
        if (!RtcpHeader.TryRead(packet, out var header) || header.PacketType != RtcpPacketType.ReceiverReport
            || packet.Length < BlocksOffset + (header.Count * ReceptionReport.Length))
        {
            return false;
        }

        report = new ReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(packet[4..]));
        reportCount = header.Count;
        return true;
    }

    /// <summary>Writes an RR carrying <paramref name="blocks"/>.</summary>
    public bool TryWrite(Span<byte> destination, ReadOnlySpan<ReceptionReport> blocks, out int written)
    {
        written = BlocksOffset + (blocks.Length * ReceptionReport.Length);
        if (destination.Length < written
            || !RtcpHeader.TryWrite(destination, (byte)blocks.Length, RtcpPacketType.ReceiverReport, written))
        {
            written = 0;
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        return ReportBlocks.TryWrite(destination[BlocksOffset..], blocks);
    }
}
