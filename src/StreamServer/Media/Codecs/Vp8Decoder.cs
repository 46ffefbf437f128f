using PortraitStream.Server.Media.Codecs.Native;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// VP8 decoder over libvpx producing pooled <see cref="I420Frame"/>s.
/// </summary>
internal sealed unsafe class Vp8Decoder : VideoDecoder
{
    private readonly SafeVpxCodecHandle _codec = new();
    private readonly IntPtr _iface = LibVpx.vpx_codec_vp8_dx();

    /// <param name="threads">Decoder threads (vpx_codec_dec_cfg_t.threads).</param>
    /// <param name="maxWidth">Keyframes announcing a larger picture are refused before libvpx allocates for them.</param>
    /// <param name="maxHeight">See <paramref name="maxWidth"/>.</param>
    public Vp8Decoder(int threads = 1, int maxWidth = 1920, int maxHeight = 1920) : base(maxWidth, maxHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        var config = new VpxDecoderConfig { Threads = (uint)threads };
        var result = LibVpx.vpx_codec_dec_init_ver(_codec.DangerousGetHandle(), _iface, &config, 0, LibVpx.DecoderAbiVersion);
        if (result != LibVpx.CodecOk)
        {
            var message = LibVpx.Describe(result, IntPtr.Zero);
            _codec.Dispose();
            throw new VpxException("vpx_codec_dec_init_ver", message);
        }
        _codec.MarkInitialized();
    }

    /// <inheritdoc/>
    public override VideoDecodeStatus Decode(ReadOnlySpan<byte> frame, out I420Frame? picture)
    {
        ObjectDisposedException.ThrowIf(_codec.IsClosed, this);
        picture = null;
        if (frame.IsEmpty)
        {
            return Fail("empty frame"); // An empty buffer would mean "flush" to vpx_codec_decode.
        }
        var ctx = _codec.DangerousGetHandle();
        fixed (byte* data = frame)
        {
            var info = new VpxStreamInfo { Size = (uint)sizeof(VpxStreamInfo) };
            // Only keyframes carry dimensions (RFC 6386 §9.1); peek reports an error for interframes, which is fine.
            if (LibVpx.vpx_codec_peek_stream_info(_iface, data, (uint)frame.Length, &info) == LibVpx.CodecOk
                && info.IsKeyframe != 0 && (info.Width > MaxWidth || info.Height > MaxHeight))
            {
                return Fail($"keyframe of {info.Width}×{info.Height} exceeds the {MaxWidth}×{MaxHeight} limit");
            }
            var result = LibVpx.vpx_codec_decode(ctx, data, (uint)frame.Length, IntPtr.Zero, 0);
            if (result != LibVpx.CodecOk)
            {
                return Fail(LibVpx.Describe(result, ctx));
            }
        }
        int corrupted = 0;
        var corruptionKnown = LibVpx.vpx_codec_control_intptr(ctx, LibVpx.Vp8dGetFrameCorrupted, &corrupted) == LibVpx.CodecOk;
        IntPtr iterator = IntPtr.Zero;
        var image = LibVpx.vpx_codec_get_frame(ctx, &iterator);
        if (corruptionKnown && corrupted != 0)
        {
            return Fail("frame decoded with corruption (missing or damaged references)");
        }
        if (image == null)
        {
            return VideoDecodeStatus.NoPicture;
        }
        return Decoded(CopyPicture(image), out picture);
    }

    public override void Dispose() => _codec.Dispose();

    /// <summary>libvpx owns the image until the next decode call, so its planes are copied into a pooled frame.</summary>
    private static I420Frame CopyPicture(VpxImage* image) => I420Frame.CopyOf((int)image->DisplayWidth, (int)image->DisplayHeight,
        image->PlaneY, image->StrideY, image->PlaneU, image->StrideU, image->PlaneV, image->StrideV);
}
