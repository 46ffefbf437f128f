using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>
/// Generic NACK (RFC 4585 §6.2.1): FCI entries of a packet id (PID) and a 16-bit bitmask (BLP) of
/// the 16 sequence numbers after it that are lost too.
/// </summary>
internal static class GenericNack
{
    private const int EntryLength = 4;
    private const int BitmaskSpan = 16;

    /// <summary>Reads the header; the FCI lists lost packets, see <see cref="CopyLostSequences"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out FeedbackHeader header, out ReadOnlySpan<byte> fci) =>
        FeedbackHeader.TryRead(packet, RtcpPacketType.TransportFeedback, out header, out fci)
        && header.Format == RtcpFeedbackFormat.GenericNack;

    /// <summary>Expands the FCI into sequence numbers; returns how many fit into <paramref name="lost"/>.</summary>
    public static int CopyLostSequences(ReadOnlySpan<byte> fci, Span<ushort> lost)
    {
        int count = 0;
        for (int offset = 0; offset + EntryLength <= fci.Length; offset += EntryLength)
        {
            ushort pid = BinaryPrimitives.ReadUInt16BigEndian(fci[offset..]);
            ushort blp = BinaryPrimitives.ReadUInt16BigEndian(fci[(offset + 2)..]);
            if (count < lost.Length)
            {
                lost[count++] = pid;
            }

            for (int bit = 0; bit < BitmaskSpan && count < lost.Length; bit++)
            {
                if ((blp & (1 << bit)) != 0)
                {
                    lost[count++] = (ushort)(pid + bit + 1);
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Writes a NACK for <paramref name="lost"/> (ascending, modulo wrap), packing each run of up to
    /// 17 sequence numbers into one FCI entry.
    /// </summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> lost, out int written)
    {
        written = 0;
        Span<byte> fci = destination.Length > FeedbackHeader.Length ? destination[FeedbackHeader.Length..] : default;
        int fciLength = 0;
        int i = 0;
        while (i < lost.Length)
        {
            if (fciLength + EntryLength > fci.Length)
            {
                return false;
            }

            ushort pid = lost[i++];
            ushort blp = 0;
            while (i < lost.Length && (ushort)(lost[i] - pid - 1) < BitmaskSpan)
            {
                blp |= (ushort)(1 << (ushort)(lost[i] - pid - 1));
                i++;
            }

            BinaryPrimitives.WriteUInt16BigEndian(fci[fciLength..], pid);
            BinaryPrimitives.WriteUInt16BigEndian(fci[(fciLength + 2)..], blp);
            fciLength += EntryLength;
        }

        var header = new FeedbackHeader(RtcpFeedbackFormat.GenericNack, RtcpPacketType.TransportFeedback, senderSsrc, mediaSsrc);
        return fciLength > 0 && header.TryWrite(destination, fciLength, out written);
    }
}
