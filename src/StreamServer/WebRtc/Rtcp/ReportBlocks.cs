namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>The report-block list shared by SR and RR (RFC 3550 §6.4.1–6.4.2); at most 31 per packet.</summary>
internal static class ReportBlocks
{
    /// <summary>RFC 3550 §6.4.1: RC is a 5-bit field.</summary>
    public const int MaxPerPacket = 31;

    /// <summary>Reads block <paramref name="index"/> of the list starting at <paramref name="blocks"/>.</summary>
    public static bool TryGet(ReadOnlySpan<byte> blocks, int index, out ReceptionReport report)
    {
        int offset = index * ReceptionReport.Length;
        report = default;
        return offset >= 0 && offset < blocks.Length && ReceptionReport.TryRead(blocks[offset..], out report);
    }

    internal static bool TryWrite(Span<byte> destination, ReadOnlySpan<ReceptionReport> blocks)
    {
        if (blocks.Length > MaxPerPacket)
        {
            return false;
        }

        for (int i = 0; i < blocks.Length; i++)
        {
            if (!blocks[i].TryWrite(destination[(i * ReceptionReport.Length)..]))
            {
                return false;
            }
        }

        return true;
    }
}
