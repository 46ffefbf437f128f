namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// One Opus packet from the peer as it came (RFC 7587 §4.2: one RTP payload is one Opus packet), with its RTP header's
/// timestamp (48 kHz), marker (§4.1: the first packet after a silence) and arrival (Stopwatch ticks). The payload is
/// copied once and never changed, so a fan-out can hand one packet to many sessions.
/// </summary>
internal sealed record ReceivedOpusPacket(byte[] Payload, uint RtpTimestamp, bool Marker, long ArrivedTicks);
