using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Warmup;

/// <summary>
/// A key frame's bitstream as the packetizers and depacketizers see it: the headers they read and a payload long
/// enough to fragment. No decoder reads it (the pipeline's warm-up runs the codecs on real pictures).
/// </summary>
internal static class WarmUpKeyFrame
{
    /// <summary>Spans a few packets at the default 1200-byte MTU, so fragmentation (VP8's partitions, H.264's FU-A) runs.</summary>
    private const int PayloadLength = 3000;

    /// <summary>A filler byte that cannot form an Annex B start code (00 00 01) with its neighbours.</summary>
    private const byte Filler = 0x88;

    public static byte[] For(VideoCodec codec) => codec == VideoCodec.H264 ? H264() : Vp8();

    /// <summary>RFC 6386 §9.1: frame tag with the key-frame bit clear and show_frame set, start code, 16 × 16.</summary>
    private static byte[] Vp8()
    {
        var frame = new byte[10 + PayloadLength];
        Array.Fill(frame, Filler);
        byte[] header = [0x10, 0x00, 0x00, 0x9D, 0x01, 0x2A, 16, 0, 16, 0];
        header.CopyTo(frame, 0);
        return frame;
    }

    /// <summary>Annex B access unit: SPS and PPS (small: STAP-A) before an IDR slice (large: FU-A), RFC 6184 §5.</summary>
    private static byte[] H264()
    {
        byte[] parameterSets = [0, 0, 0, 1, 0x67, 0x42, 0xC0, 0x1F, 0xDA, 0x05, 0x07, 0xEC, 0, 0, 0, 1, 0x68, 0xCE, 0x3C, 0x80];
        byte[] idr = [0, 0, 0, 1, 0x65];
        var frame = new byte[parameterSets.Length + idr.Length + PayloadLength];
        Array.Fill(frame, Filler);
        parameterSets.CopyTo(frame, 0);
        idr.CopyTo(frame, parameterSets.Length);
        return frame;
    }
}
