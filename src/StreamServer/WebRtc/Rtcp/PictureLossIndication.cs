namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>PLI (RFC 4585 §6.3.1): a feedback message with no FCI asking the sender for a keyframe.</summary>
internal static class PictureLossIndication
{
    /// <summary>True when <paramref name="packet"/> is a PLI.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out FeedbackHeader header) =>
        FeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, out header, out _)
        && header.Format == RtcpFeedbackFormat.PictureLoss;

    /// <summary>Writes a PLI for <paramref name="mediaSsrc"/>.</summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, out int written) =>
        new FeedbackHeader(RtcpFeedbackFormat.PictureLoss, RtcpPacketType.PayloadFeedback, senderSsrc, mediaSsrc)
            .TryWrite(destination, 0, out written);
}
