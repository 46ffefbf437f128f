namespace PortraitStream.Server.Media.Codecs;

/// <summary>Outcome of <see cref="Vp8Decoder.Decode"/>.</summary>
internal enum Vp8DecodeStatus
{
    /// <summary>A picture was produced.</summary>
    Decoded,

    /// <summary>The frame decoded but shows no picture (a hidden reference update, RFC 6386 §9.1 show_frame = 0).</summary>
    NoPicture,

    /// <summary>
    /// The frame was rejected or decoded corrupt (bad data, missing references, or larger than allowed). The decoder
    /// stays usable; the receiver should ask for a keyframe (RTCP PLI).
    /// </summary>
    Failed,
}
