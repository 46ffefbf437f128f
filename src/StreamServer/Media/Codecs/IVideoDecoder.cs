namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// A decoder of one codec's frames into pooled <see cref="I420Frame"/>s. Frames come from the network, so every
/// failure is a <see cref="VideoDecodeStatus.Failed"/> result with a counter and a reason, never an exception. Not
/// thread-safe: one receive loop owns it.
/// </summary>
internal interface IVideoDecoder : IDisposable
{
    long FramesDecoded { get; }

    long FramesFailed { get; }

    /// <summary>Why the last failed frame failed.</summary>
    string? LastError { get; }

    /// <summary>
    /// Decodes one complete frame. On <see cref="VideoDecodeStatus.Decoded"/>, <paramref name="picture"/> is a new
    /// pooled frame the caller must dispose; otherwise it is null.
    /// </summary>
    VideoDecodeStatus Decode(ReadOnlySpan<byte> frame, out I420Frame? picture);
}
