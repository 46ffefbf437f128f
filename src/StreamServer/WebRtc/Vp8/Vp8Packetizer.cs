using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Vp8;

/// <summary>
/// Splits encoded VP8 frames into RTP payloads within a size budget (RFC 7741 §4.4 and §4.5): each
/// payload is a 4-byte descriptor carrying a 15-bit picture id (incremented per frame) and an equal
/// share of the frame, S = 1 on the first. The caller sets the marker bit on the last fragment.
/// </summary>
internal sealed class Vp8Packetizer : IVideoPacketizer
{
    private readonly int _maxPayloadLength;
    private int _pictureId;

    /// <summary>
    /// <paramref name="maxPayloadLength"/> is the RTP payload budget: MTU minus IP, UDP, RTP and SRTP overhead.
    /// </summary>
    public Vp8Packetizer(int maxPayloadLength, int firstPictureId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadLength, Vp8PayloadDescriptor.WrittenLength + 1);
        _maxPayloadLength = maxPayloadLength;
        _pictureId = firstPictureId & 0x7FFF;
    }

    public bool IsKeyFrame(ReadOnlySpan<byte> frame) => Vp8FrameHeader.IsKeyFrame(frame);

    /// <summary>Starts a frame: advances the picture id and says how many fragments it needs.</summary>
    public int BeginFrame(ReadOnlySpan<byte> frame)
    {
        _pictureId = (_pictureId + 1) & 0x7FFF;
        int chunk = _maxPayloadLength - Vp8PayloadDescriptor.WrittenLength;
        return Math.Max(1, (frame.Length + chunk - 1) / chunk);
    }

    /// <summary>Writes fragment <paramref name="index"/> of <paramref name="count"/>; returns its length or 0 if it does not fit.</summary>
    public int WriteFragment(ReadOnlySpan<byte> frame, int index, int count, Span<byte> destination)
    {
        // Equal shares, the first ones one byte longer, so no tiny trailing packet.
        int share = frame.Length / count, extra = frame.Length % count;
        int start = (index * share) + Math.Min(index, extra);
        int length = share + (index < extra ? 1 : 0);
        int total = Vp8PayloadDescriptor.WrittenLength + length;
        var descriptor = new Vp8PayloadDescriptor(index == 0, 0, PictureId: _pictureId);
        if (destination.Length < total || !descriptor.TryWrite(destination))
        {
            return 0;
        }

        frame.Slice(start, length).CopyTo(destination[Vp8PayloadDescriptor.WrittenLength..]);
        return total;
    }
}
