using System.Buffers;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// A realtime encoder of one picture size, timestamps in the 90 kHz RTP video clock. One thread encodes
/// (<see cref="TryEncode"/>, <see cref="Dispose"/>); any thread may change the bitrate (REMB) or request a keyframe
/// (PLI/FIR), and the change takes effect at the next encoded frame.
/// </summary>
internal abstract class VideoEncoder : IDisposable
{
    private int _bitrateKbps;
    private int _keyframe;

    protected VideoEncoder(int width, int height, int bitrateKbps)
    {
        Width = width;
        Height = height;
        TargetBitrateKbps = bitrateKbps;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Target bitrate in kbit/s; a new value is applied before the next frame.</summary>
    public int TargetBitrateKbps
    {
        get => Volatile.Read(ref _bitrateKbps);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref _bitrateKbps, value);
        }
    }

    /// <summary>Makes the next encoded frame a keyframe, e.g. on RTCP PLI or FIR (RFC 4585 §6.3.1, RFC 5104 §4.3.1).</summary>
    public void RequestKeyframe() => Volatile.Write(ref _keyframe, 1);

    /// <summary>
    /// Encodes one frame of the configured size and appends it to <paramref name="output"/>. Returns false when the
    /// encoder produced no frame for this input (its rate control may skip one); nothing is written then.
    /// </summary>
    /// <param name="frame">The picture; it may be reused as soon as this returns.</param>
    /// <param name="timestamp">Presentation time in 90 kHz units, increasing from frame to frame.</param>
    /// <param name="output">Receives the compressed frame.</param>
    /// <param name="info">Length written and keyframe flag.</param>
    public bool TryEncode(I420Frame frame, long timestamp, IBufferWriter<byte> output, out EncodedFrameInfo info)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(output);
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"encoder is {Width}×{Height}, frame is {frame.Width}×{frame.Height}", nameof(frame));
        }

        return Encode(frame, timestamp, Interlocked.Exchange(ref _keyframe, 0) != 0, output, out info);
    }

    public abstract void Dispose();

    /// <summary><see cref="TryEncode"/> for a checked frame; <paramref name="keyframe"/> when one was requested.</summary>
    protected abstract bool Encode(I420Frame frame, long timestamp, bool keyframe, IBufferWriter<byte> output, out EncodedFrameInfo info);
}
