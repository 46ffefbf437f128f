using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Vp8;

namespace PortraitStream.Server.Tests.WebRtc.Vp8;

/// <summary>VP8 payloads that parse as frames (not decodable pictures), for packetizer and transport tests.</summary>
internal static class Vp8TestFrames
{
    public static byte[] KeyFrame(int length, int width = 320, int height = 240)
    {
        // RFC 6386 §9.1: 3-byte tag with P = 0, start code, 14-bit width and height little-endian.
        var frame = new byte[length];
        frame[0] = 0x10;
        frame[3] = 0x9D; frame[4] = 0x01; frame[5] = 0x2A;
        frame[6] = (byte)width; frame[7] = (byte)(width >> 8);
        frame[8] = (byte)height; frame[9] = (byte)(height >> 8);
        for (int i = 10; i < length; i++)
        {
            frame[i] = (byte)i;
        }

        return frame;
    }

    /// <summary>A frame cut into RTP packets by the real packetizer (RFC 7741 §4), payloads at most <paramref name="budget"/> bytes.</summary>
    public static List<(RtpHeader Header, byte[] Payload)> Packetize(byte[] frame, ushort firstSeq, uint timestamp, int budget = 100)
    {
        var packetizer = new Vp8Packetizer(budget, 7);
        int count = packetizer.BeginFrame(frame);
        var packets = new List<(RtpHeader, byte[])>();
        var buffer = new byte[budget];
        for (int i = 0; i < count; i++)
        {
            int length = packetizer.WriteFragment(frame, i, count, buffer);
            packets.Add((new RtpHeader(i == count - 1, 96, (ushort)(firstSeq + i), timestamp, 1), buffer[..length]));
        }

        return packets;
    }
}
