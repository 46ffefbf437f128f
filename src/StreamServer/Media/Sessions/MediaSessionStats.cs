namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// What a session's consumers show of its transport: the round-trip time (null before the first receiver report), the
/// bitrate the peer lets us send, the Opus packets taken from and sent to the peer, the delay the audio waits now, and
/// how far the peer's sender reports moved its sound against its picture (<see cref="MediaTimeline.SoundCorrection"/>).
/// </summary>
internal readonly record struct MediaSessionStats(
    TimeSpan? RoundTripTime, int TargetBitrate, long AudioPacketsIn = 0, long AudioPacketsOut = 0, TimeSpan AudioDelay = default,
    TimeSpan? SoundCorrection = null);
