using System.Buffers;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// A realtime encoder of one picture size. One thread encodes (<see cref="TryEncode"/>, <see cref="IDisposable.Dispose"/>);
/// any thread may change the bitrate or request a keyframe, and the change takes effect at the next encoded frame.
/// </summary>
internal interface IVideoEncoder : IDisposable
{
    int Width { get; }

    int Height { get; }

    /// <summary>Target bitrate in kbit/s; a new value is applied before the next frame.</summary>
    int TargetBitrateKbps { get; set; }

    /// <summary>Makes the next encoded frame a keyframe, e.g. on RTCP PLI or FIR (RFC 4585 §6.3.1, RFC 5104 §4.3.1).</summary>
    void RequestKeyframe();

    /// <summary>
    /// Encodes one frame of the configured size and appends it to <paramref name="output"/>. Returns false when the
    /// encoder produced no frame for this input (its rate control may skip one); nothing is written then.
    /// </summary>
    /// <param name="frame">The picture; it may be reused as soon as this returns.</param>
    /// <param name="timestamp">Presentation time in 90 kHz units, increasing from frame to frame.</param>
    /// <param name="output">Receives the compressed frame.</param>
    /// <param name="info">Length written and keyframe flag.</param>
    bool TryEncode(I420Frame frame, long timestamp, IBufferWriter<byte> output, out EncodedFrameInfo info);
}
