namespace PortraitStream.Server.WebRtc.Video;

/// <summary>
/// Splits one codec's encoded frames into RTP payloads within a size budget. The caller writes the RTP header and
/// sets the marker bit on the last fragment.
/// </summary>
internal interface IVideoPacketizer
{
    /// <summary>Whether <paramref name="frame"/> can be decoded on its own (a VP8 key frame, an H.264 access unit with an IDR slice).</summary>
    bool IsKeyFrame(ReadOnlySpan<byte> frame);

    /// <summary>Starts <paramref name="frame"/> and says how many fragments it needs.</summary>
    int BeginFrame(ReadOnlySpan<byte> frame);

    /// <summary>Writes fragment <paramref name="index"/> of <paramref name="count"/>; returns its length or 0 if it does not fit.</summary>
    int WriteFragment(ReadOnlySpan<byte> frame, int index, int count, Span<byte> destination);
}
