namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// A decoder of one codec's frames into pooled <see cref="I420Frame"/>s, pictures bounded by
/// <see cref="MaxWidth"/> × <see cref="MaxHeight"/>. Frames come from the network, so every failure is a
/// <see cref="VideoDecodeStatus.Failed"/> result with a counter and a reason, never an exception. Not thread-safe:
/// one receive loop owns it.
/// </summary>
internal abstract class VideoDecoder : IDisposable
{
    protected VideoDecoder(int maxWidth, int maxHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeight);
        MaxWidth = maxWidth;
        MaxHeight = maxHeight;
    }

    public int MaxWidth { get; }

    public int MaxHeight { get; }

    public long FramesDecoded { get; private set; }

    public long FramesFailed { get; private set; }

    /// <summary>Why the last failed frame failed.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Decodes one complete frame. On <see cref="VideoDecodeStatus.Decoded"/>, <paramref name="picture"/> is a new
    /// pooled frame the caller must dispose; otherwise it is null.
    /// </summary>
    public abstract VideoDecodeStatus Decode(ReadOnlySpan<byte> frame, out I420Frame? picture);

    public abstract void Dispose();

    /// <summary>Counts a decoded picture and hands it out.</summary>
    protected VideoDecodeStatus Decoded(I420Frame copy, out I420Frame? picture)
    {
        FramesDecoded++;
        picture = copy;
        return VideoDecodeStatus.Decoded;
    }

    /// <summary>Counts a failure and keeps its reason.</summary>
    protected VideoDecodeStatus Fail(string reason)
    {
        FramesFailed++;
        LastError = reason;
        return VideoDecodeStatus.Failed;
    }
}
