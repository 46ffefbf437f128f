namespace PortraitStream.Server.Media.Sessions;

/// <summary>What a session's consumers show of its transport: the round-trip time (null before the first receiver report) and the bitrate the peer lets us send.</summary>
internal readonly record struct MediaSessionStats(TimeSpan? RoundTripTime, int TargetBitrate);
