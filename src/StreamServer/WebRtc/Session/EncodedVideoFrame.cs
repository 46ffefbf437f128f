using System.Buffers;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// A received video frame (VP8, or an H.264 access unit in Annex B form) handed from the receive loop to the media handler, in a pooled buffer the
/// handler returns by disposing it.
/// </summary>
internal sealed class EncodedVideoFrame : IDisposable
{
    private byte[]? _buffer;

    /// <summary>Copies <paramref name="data"/> into a pooled buffer.</summary>
    public EncodedVideoFrame(ReadOnlySpan<byte> data, uint rtpTimestamp, bool isKeyFrame)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(_buffer);
        Length = data.Length;
        RtpTimestamp = rtpTimestamp;
        IsKeyFrame = isKeyFrame;
    }

    /// <summary>The encoded frame.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, Length);

    /// <summary>Bytes in the frame.</summary>
    public int Length { get; }

    /// <summary>RTP timestamp (90 kHz) of the frame.</summary>
    public uint RtpTimestamp { get; }

    /// <summary>True for a key frame.</summary>
    public bool IsKeyFrame { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
