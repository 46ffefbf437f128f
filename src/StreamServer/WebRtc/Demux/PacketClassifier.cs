namespace PortraitStream.Server.WebRtc.Demux;

/// <summary>
/// Sorts datagrams arriving on the one bundled UDP port by their first byte, as RFC 7983 §7 prescribes
/// (updated by RFC 9443, whose extra TURN channel and QUIC ranges we do not use and so report as unknown).
/// </summary>
internal static class PacketClassifier
{
    // RFC 7983 §7: "If the value of the first byte is in the range ..."
    private const byte StunFirst = 0, StunLast = 3;
    private const byte DtlsFirst = 20, DtlsLast = 63;
    private const byte RtpFirst = 128, RtpLast = 191;

    /// <summary>Classifies one datagram; an empty datagram is <see cref="PacketKind.Unknown"/>.</summary>
    public static PacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return PacketKind.Unknown;
        }

        return datagram[0] switch
        {
            >= StunFirst and <= StunLast => PacketKind.Stun,
            >= DtlsFirst and <= DtlsLast => PacketKind.Dtls,
            >= RtpFirst and <= RtpLast => PacketKind.Rtp,
            _ => PacketKind.Unknown,
        };
    }

    /// <summary>
    /// Within the RTP range, tells RTCP from RTP by the packet type byte: RFC 5761 §4 reserves payload
    /// types 64–95 (marker bit included: second byte 192–223) for RTCP when both share a port.
    /// </summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= 2 && datagram[1] is >= 192 and <= 223;
}
