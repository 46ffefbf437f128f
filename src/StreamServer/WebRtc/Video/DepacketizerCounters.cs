namespace PortraitStream.Server.WebRtc.Video;

/// <summary>What a depacketizer did with what it was given.</summary>
internal sealed class DepacketizerCounters
{
    /// <summary>Frames handed out.</summary>
    public long Frames { get; internal set; }
    /// <summary>Frames given up: a packet missing, too large, or a delta frame while waiting for a key frame.</summary>
    public long DroppedFrames { get; internal set; }
    /// <summary>Payloads that break their payload format's rules (RFC 7741, RFC 6184).</summary>
    public long MalformedPackets { get; internal set; }
}
