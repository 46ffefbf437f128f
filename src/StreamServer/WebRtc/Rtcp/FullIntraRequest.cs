using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>
/// FIR (RFC 5104 §4.3.1): FCI entries of the target SSRC and a command sequence number; the media SSRC
/// field of the common header is zero (§4.3.1.2).
/// </summary>
internal static class FullIntraRequest
{
    private const int EntryLength = 8;

    /// <summary>Reads the first FCI entry of a FIR.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out uint senderSsrc, out uint targetSsrc, out byte sequenceNumber)
    {
        senderSsrc = targetSsrc = 0;
        sequenceNumber = 0;
        if (!FeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, out var header, out var fci)
            || header.Format != RtcpFeedbackFormat.FullIntraRequest || fci.Length < EntryLength)
        {
            return false;
        }

        senderSsrc = header.SenderSsrc;
        targetSsrc = BinaryPrimitives.ReadUInt32BigEndian(fci);
        sequenceNumber = fci[4];
        return true;
    }

    /// <summary>Writes a FIR with one entry.</summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint targetSsrc, byte sequenceNumber, out int written)
    {
        var header = new FeedbackHeader(RtcpFeedbackFormat.FullIntraRequest, RtcpPacketType.PayloadFeedback, senderSsrc, 0);
        if (!header.TryWrite(destination, EntryLength, out written))
        {
            return false;
        }

        var fci = destination[FeedbackHeader.Length..written];
        BinaryPrimitives.WriteUInt32BigEndian(fci, targetSsrc);
        fci[4] = sequenceNumber;
        fci[5..].Clear();
        return true;
    }
}
