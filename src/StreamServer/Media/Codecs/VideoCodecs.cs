using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>The decoder and stream encoder of each <see cref="VideoCodec"/> a peer may negotiate.</summary>
internal static class VideoCodecs
{
    public static VideoDecoder CreateDecoder(VideoCodec codec) => codec switch
    {
        VideoCodec.Vp8 => new Vp8Decoder(),
        VideoCodec.H264 => new H264Decoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, null),
    };

    public static VideoStreamEncoder CreateStreamEncoder(VideoCodec codec) => codec switch
    {
        VideoCodec.Vp8 => new VideoStreamEncoder((width, height, kbps) =>
            new Vp8Encoder(new Vp8EncoderOptions { Width = width, Height = height, TargetBitrateKbps = kbps })),
        VideoCodec.H264 => new VideoStreamEncoder((width, height, kbps) => new H264Encoder(width, height, kbps)),
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, null),
    };
}
