using System.Buffers;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// A VP8 stream whose pictures may change size: a new size starts a fresh encoder (its first frame is a key frame),
/// and every frame takes the bitrate the sender currently wants. Echo mode and the 3D pipeline both send this way.
/// One thread.
/// </summary>
internal sealed class Vp8StreamEncoder : IDisposable
{
    private Vp8Encoder? _encoder;

    /// <summary>Encodes <paramref name="picture"/> at <paramref name="bitrate"/> bit/s into <paramref name="output"/>.</summary>
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
            _encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = picture.Width, Height = picture.Height, TargetBitrateKbps = kbps });
        }

        if (keyFrame)
        {
            _encoder.RequestKeyframe();
        }

        return _encoder.TryEncode(picture, timestamp, output, out info);
    }

    public void Dispose() => _encoder?.Dispose();
}
