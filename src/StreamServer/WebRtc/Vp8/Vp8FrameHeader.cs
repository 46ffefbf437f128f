using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Vp8;

/// <summary>
/// The start of a VP8 frame as far as RTP needs it (RFC 7741 §4.3, RFC 6386 §9.1): the key-frame flag
/// and, for key frames, the start code and dimensions.
/// </summary>
internal static class Vp8FrameHeader
{
    // RFC 7741 §4.3: P, the inverse key frame flag, is bit 0 of the first byte.
    private const byte InterFrameBit = 0x01;
    private const int KeyFrameHeaderLength = 10;
    private static ReadOnlySpan<byte> StartCode => [0x9D, 0x01, 0x2A];

    /// <summary>True when <paramref name="frame"/> starts a key frame with a valid start code.</summary>
    public static bool IsKeyFrame(ReadOnlySpan<byte> frame) =>
        frame.Length >= KeyFrameHeaderLength && (frame[0] & InterFrameBit) == 0 && frame.Slice(3, 3).SequenceEqual(StartCode);

    /// <summary>Width and height of a key frame (14 bits each, RFC 6386 §9.1); false for inter frames.</summary>
    public static bool TryGetSize(ReadOnlySpan<byte> frame, out int width, out int height)
    {
        width = height = 0;
        if (!IsKeyFrame(frame))
        {
            return false;
        }

        width = BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]) & 0x3FFF;
        height = BinaryPrimitives.ReadUInt16LittleEndian(frame[8..]) & 0x3FFF;
        return true;
    }
}
