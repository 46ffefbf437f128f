namespace PortraitStream.Server.Media.Codecs;

/// <summary>Outcome of <see cref="VideoDecoder.Decode"/>.</summary>
internal enum VideoDecodeStatus
{
    /// <summary>A picture was produced.</summary>
    Decoded,

    /// <summary>
    /// The frame decoded but shows no picture (VP8's hidden reference updates, RFC 6386 §9.1 show_frame = 0; an H.264
    /// access unit of parameter sets only).
    /// </summary>
    NoPicture,

    /// <summary>
    /// The frame was rejected or decoded corrupt (bad data, missing references, or larger than allowed). The decoder
    /// stays usable; the receiver should ask for a keyframe (RTCP PLI).
    /// </summary>
    Failed,
}
