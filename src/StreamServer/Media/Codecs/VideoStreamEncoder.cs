using System.Buffers;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// One codec's outgoing stream whose pictures may change size: a new size starts a fresh encoder (its first frame is a
/// key frame), and every frame takes the bitrate the sender currently wants. Echo mode and the 3D pipeline both send
/// this way. One thread.
/// </summary>
/// <param name="create">Makes an encoder for a width, height and kbit/s.</param>
internal sealed class VideoStreamEncoder(Func<int, int, int, VideoEncoder> create) : IDisposable
{
    private VideoEncoder? _encoder;

    /// <summary>
    /// Encodes <paramref name="picture"/> at <paramref name="bitrate"/> bit/s into <paramref name="output"/>;
    /// <paramref name="timestamp"/> is in the 90 kHz RTP clock. False when the encoder produced no frame for this input.
    /// </summary>
    public bool TryEncode(I420Frame picture, long timestamp, int bitrate, bool keyFrame, IBufferWriter<byte> output, out EncodedFrameInfo info)
    {
        ArgumentNullException.ThrowIfNull(picture);
        int kbps = Math.Max(1, bitrate / 1000);
        if (_encoder is not null && _encoder.Width == picture.Width && _encoder.Height == picture.Height)
        {
            _encoder.TargetBitrateKbps = kbps;
        }
        else
        {
            _encoder?.Dispose();
            _encoder = null;
            _encoder = create(picture.Width, picture.Height, kbps);
        }

        if (keyFrame)
        {
            _encoder.RequestKeyframe();
        }

        return _encoder.TryEncode(picture, timestamp, output, out info);
    }

    public void Dispose() => _encoder?.Dispose();
}
