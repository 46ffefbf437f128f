namespace PortraitStream.Server.WebRtc.Vp8;

/// <summary>
/// A complete VP8 frame out of the depacketizer. <see cref="Data"/> is valid until the next packet is
/// pushed: copy it, or decode it before then.
/// </summary>
internal readonly record struct Vp8Frame(ReadOnlyMemory<byte> Data, uint RtpTimestamp, bool IsKeyFrame);

/// <summary>What the depacketizer did with what it was given.</summary>
internal sealed class Vp8DepacketizerCounters
{
    /// <summary>Frames handed out.</summary>
    public long Frames { get; internal set; }
    /// <summary>Frames given up: a packet missing, too large, or a delta frame while waiting for a key frame.</summary>
    public long DroppedFrames { get; internal set; }
    /// <summary>Payloads without a valid descriptor or without VP8 data.</summary>
    public long MalformedPackets { get; internal set; }
}
