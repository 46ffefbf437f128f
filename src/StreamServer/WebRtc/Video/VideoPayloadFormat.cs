using PortraitStream.Server.WebRtc.H264;
using PortraitStream.Server.WebRtc.Vp8;

namespace PortraitStream.Server.WebRtc.Video;

/// <summary>The RTP payload format of each <see cref="VideoCodec"/>: its name on the wire and its (de)packetizer.</summary>
internal static class VideoPayloadFormat
{
    /// <summary>The encoding name in a=rtpmap (RFC 7741 §6.1, RFC 6184 §8.1), without the clock rate.</summary>
    public static string EncodingName(VideoCodec codec) => codec switch
    {
        VideoCodec.Vp8 => "VP8",
        VideoCodec.H264 => "H264",
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, null),
    };

    /// <summary>A depacketizer for the codec's payloads.</summary>
    public static IVideoDepacketizer CreateDepacketizer(VideoCodec codec) => codec switch
    {
        VideoCodec.Vp8 => new Vp8Depacketizer(),
        VideoCodec.H264 => new H264Depacketizer(),
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, null),
    };

    /// <summary>A packetizer writing payloads of at most <paramref name="maxPayloadLength"/> bytes.</summary>
    public static IVideoPacketizer CreatePacketizer(VideoCodec codec, int maxPayloadLength) => codec switch
    {
        VideoCodec.Vp8 => new Vp8Packetizer(maxPayloadLength, Random.Shared.Next()),
        VideoCodec.H264 => new H264Packetizer(maxPayloadLength),
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, null),
    };
}
