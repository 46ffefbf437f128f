namespace PortraitStream.Server.WebRtc.Video;

// Public, unlike the rest of the server: test theories take it as a parameter, and xunit runs public methods only.
/// <summary>A video codec this server sends and receives; one is chosen per peer from its offer.</summary>
public enum VideoCodec
{
    /// <summary>VP8 (RFC 6386), RTP payload format RFC 7741.</summary>
    Vp8,
    /// <summary>H.264 constrained baseline (ITU-T H.264), RTP payload format RFC 6184 in packetization mode 1.</summary>
    H264,
}
