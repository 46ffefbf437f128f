namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// One Opus packet from the peer, forwarded as it came (never changed: one packet may go to many sessions), captured at
/// <paramref name="CaptureTime"/> on the peer's audio clock (from its first packet's timestamp on; a reordered packet lies
/// before the latest) and at <paramref name="CapturedTicks"/> on this server's clock (Stopwatch ticks, as the session's
/// timeline estimates it), with the RTP marker (RFC 7587 §4.1: the first packet after a silence).
/// </summary>
internal sealed record ReceivedAudioPacket(ReadOnlyMemory<byte> Payload, TimeSpan CaptureTime, long CapturedTicks, bool Marker);
