using PortraitStream.Server.Media.Codecs.Native;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// H.264 decoder over OpenH264 producing pooled <see cref="I420Frame"/>s from access units in Annex B form (what
/// <c>H264Depacketizer</c> rebuilds). Error concealment is off, so a damaged or unreferenced frame fails instead of
/// showing a smeared picture, and the receiver asks for an IDR. OpenH264 refuses an SPS above level 5.1's picture size
/// on its own; pictures larger than <see cref="MaxWidth"/> × <see cref="MaxHeight"/> are refused here.
/// </summary>
internal sealed unsafe class H264Decoder : VideoDecoder
{
    private readonly SafeOpenH264Handle _decoder = SafeOpenH264Handle.CreateDecoder();

    /// <param name="maxWidth">Pictures wider than this are refused.</param>
    /// <param name="maxHeight">Pictures taller than this are refused.</param>
    public H264Decoder(int maxWidth = 1920, int maxHeight = 1920) : base(maxWidth, maxHeight)
    {
        try
        {
            var instance = _decoder.DangerousGetHandle();
            // Network input reaches the decoder; its complaints are our counters, not lines on stderr.
            int quiet = OpenH264.LogQuiet;
            Check(OpenH264.SetDecoderOption(instance, OpenH264.DecoderOptionTraceLevel, &quiet), "SetOption(TRACE_LEVEL)");
            var param = new SDecodingParam
            {
                ErrorConcealment = OpenH264.ErrorConcealmentOff,
                VideoPropertySize = 8, // sizeof(SVideoProperty)
                VideoBitstreamType = OpenH264.BitstreamAvc,
            };
            Check(OpenH264.InitializeDecoder(instance, &param), "ISVCDecoder::Initialize");
        }
        catch
        {
            _decoder.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override VideoDecodeStatus Decode(ReadOnlySpan<byte> frame, out I420Frame? picture)
    {
        ObjectDisposedException.ThrowIf(_decoder.IsClosed, this);
        picture = null;
        if (frame.IsEmpty)
        {
            return Fail("empty access unit");
        }

        var info = default(SBufferInfo);
        byte** planes = stackalloc byte*[3];
        int state;
        fixed (byte* data = frame)
        {
            state = OpenH264.DecodeFrameNoDelay(_decoder.DangerousGetHandle(), data, frame.Length, planes, &info);
        }

        if (state != OpenH264.Success)
        {
            return Fail($"OpenH264 decoding state 0x{state:x}");
        }

        if (info.BufferStatus != 1)
        {
            return VideoDecodeStatus.NoPicture;
        }

        if (info.Width <= 0 || info.Height <= 0 || info.Width > MaxWidth || info.Height > MaxHeight)
        {
            return Fail($"picture of {info.Width}×{info.Height} exceeds the {MaxWidth}×{MaxHeight} limit");
        }

        return Decoded(CopyPicture(info), out picture);
    }

    public override void Dispose() => _decoder.Dispose();

    /// <summary>OpenH264 owns the picture until the next decode call, so its planes are copied into a pooled frame.</summary>
    private static I420Frame CopyPicture(in SBufferInfo info) => I420Frame.CopyOf(info.Width, info.Height,
        info.PlaneY, info.StrideLuma, info.PlaneU, info.StrideChroma, info.PlaneV, info.StrideChroma);

    private static void Check(nint result, string operation)
    {
        if (result != OpenH264.Success)
        {
            throw new OpenH264Exception(operation, $"returned {result}");
        }
    }
}
