namespace PortraitStream.Server.WebRtc.Demux;

// Public, unlike the rest of the server: test theories take it as a parameter, and xunit runs public methods only.
/// <summary>The protocol a datagram on the shared UDP port belongs to (RFC 7983 §7).</summary>
public enum PacketKind
{
    /// <summary>Anything outside the ranges below: dropped and counted.</summary>
    Unknown = 0,
    /// <summary>STUN, first byte 0–3.</summary>
    Stun,
    /// <summary>DTLS records, first byte 20–63.</summary>
    Dtls,
    /// <summary>RTP or RTCP (SRTP/SRTCP), first byte 128–191.</summary>
    Rtp,
}
