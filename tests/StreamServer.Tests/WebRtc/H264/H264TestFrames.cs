using PortraitStream.Server.WebRtc.H264;
using PortraitStream.Server.WebRtc.Rtp;

namespace PortraitStream.Server.Tests.WebRtc.H264;

/// <summary>
/// H.264 access units that parse as NAL units (not decodable pictures), for packetizer and depacketizer tests: Annex B
/// with four-byte start codes, as the depacketizer rebuilds them.
/// </summary>
internal static class H264TestFrames
{
    public const byte SpsHeader = 0x67, PpsHeader = 0x68, IdrHeader = 0x65, NonIdrHeader = 0x41;

    /// <summary>SPS, PPS and an IDR slice of <paramref name="idrLength"/> bytes.</summary>
    public static byte[] KeyFrame(int idrLength) => AccessUnit(Unit(SpsHeader, 12), Unit(PpsHeader, 4), Unit(IdrHeader, idrLength));

    /// <summary>One non-IDR slice of <paramref name="length"/> bytes.</summary>
    public static byte[] DeltaFrame(int length) => AccessUnit(Unit(NonIdrHeader, length));

    /// <summary>A NAL unit: <paramref name="header"/>, then bytes that never form a start code (none is zero).</summary>
    public static byte[] Unit(byte header, int length)
    {
        var unit = new byte[length];
        unit[0] = header;
        for (int i = 1; i < length; i++)
        {
            unit[i] = (byte)(1 + (i % 250));
        }

        return unit;
    }

    /// <summary>The units behind four-byte start codes.</summary>
    public static byte[] AccessUnit(params byte[][] units) => [.. units.SelectMany(u => new byte[] { 0, 0, 0, 1 }.Concat(u))];

    /// <summary>An access unit cut into RTP packets by the real packetizer, payloads at most <paramref name="budget"/> bytes.</summary>
    public static List<(RtpHeader Header, byte[] Payload)> Packetize(byte[] frame, ushort firstSeq, uint timestamp, int budget = 100)
    {
        var packetizer = new H264Packetizer(budget);
        int count = packetizer.BeginFrame(frame);
        var packets = new List<(RtpHeader, byte[])>();
        var buffer = new byte[budget];
        for (int i = 0; i < count; i++)
        {
            int length = packetizer.WriteFragment(frame, i, count, buffer);
            packets.Add((new RtpHeader(i == count - 1, 102, (ushort)(firstSeq + i), timestamp, 1), buffer[..length]));
        }

        return packets;
    }
}
