using System.Buffers;
using PortraitStream.Server.Media.Codecs.Native;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// Realtime VP8 encoder over libvpx (threading as <see cref="VideoEncoder"/> says).
/// Timestamps are in the 90 kHz RTP video clock (RFC 7741 §4.1), so they pass straight into RTP headers.
/// </summary>
internal sealed unsafe class Vp8Encoder : VideoEncoder
{
    /// <summary>The RTP clock rate for video (RFC 7741 §4.1), used as libvpx's timebase.</summary>
    public const int ClockRate = 90_000;

    private readonly SafeVpxCodecHandle _codec = new();
    private readonly Vp8EncoderOptions _options;
    private VpxEncoderConfig _config;

    public Vp8Encoder(Vp8EncoderOptions options) : base(Validated(options).Width, options.Height, options.TargetBitrateKbps)
    {
        _options = options;
        try
        {
            Initialize();
        }
        catch
        {
            _codec.Dispose();
            throw;
        }
    }

    private static Vp8EncoderOptions Validated(Vp8EncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <inheritdoc/>
    protected override bool Encode(I420Frame frame, long timestamp, bool keyframe, IBufferWriter<byte> output, out EncodedFrameInfo info)
    {
        ObjectDisposedException.ThrowIf(_codec.IsClosed, this);
        ApplyBitrate();
        var flags = keyframe ? LibVpx.EncodeForceKeyframe : 0;
        var ctx = _codec.DangerousGetHandle();
        fixed (byte* buffer = frame.Buffer)
        {
            var image = DescribeImage(frame, buffer);
            var duration = (nuint)(ClockRate / _options.FrameRate);
            Check(LibVpx.vpx_codec_encode(ctx, &image, timestamp, duration, flags, LibVpx.DeadlineRealtime), "vpx_codec_encode");
        }
        // With lag 0 and without VPX_CODEC_USE_OUTPUT_PARTITION, libvpx emits at most one frame packet per input.
        info = default;
        var produced = false;
        IntPtr iterator = IntPtr.Zero;
        for (var packet = LibVpx.vpx_codec_get_cx_data(ctx, &iterator); packet != null; packet = LibVpx.vpx_codec_get_cx_data(ctx, &iterator))
        {
            if (packet->Kind != LibVpx.CxFramePacket)
            {
                continue;
            }
            var data = new ReadOnlySpan<byte>(packet->Buffer, checked((int)packet->Size));
            output.Write(data);
            info = new EncodedFrameInfo(info.Length + data.Length, info.IsKeyframe || (packet->Flags & LibVpx.FrameIsKey) != 0);
            produced = true;
        }
        return produced;
    }

    public override void Dispose() => _codec.Dispose();

    private void Initialize()
    {
        var iface = LibVpx.vpx_codec_vp8_cx();
        fixed (VpxEncoderConfig* config = &_config)
        {
            Check(LibVpx.vpx_codec_enc_config_default(iface, config, 0), "vpx_codec_enc_config_default");
            config->Width = (uint)_options.Width;
            config->Height = (uint)_options.Height;
            config->Threads = (uint)_options.Threads;
            config->TimebaseNumerator = 1;
            config->TimebaseDenominator = ClockRate;
            // Realtime: one pass, no look-ahead, and frames that survive loss of earlier ones (vpx_encoder.h).
            config->Pass = 0; // VPX_RC_ONE_PASS
            config->LagInFrames = 0;
            config->ErrorResilient = LibVpx.ErrorResilientDefault;
            config->DropFrameThreshold = 0;
            config->ResizeAllowed = 0;
            config->EndUsage = LibVpx.RateControlCbr;
            config->TargetBitrateKbps = (uint)_options.TargetBitrateKbps;
            config->MinQuantizer = (uint)_options.MinQuantizer;
            config->MaxQuantizer = (uint)_options.MaxQuantizer;
            // A short buffer keeps frame sizes close to the target, which matters more than quality over a live link.
            config->UndershootPct = 100;
            config->OvershootPct = 15;
            config->BufferSizeMs = 1000;
            config->BufferInitialSizeMs = 500;
            config->BufferOptimalSizeMs = 600;
            config->KeyframeMode = LibVpx.KeyframeAuto;
            config->KeyframeMinDistance = 0;
            config->KeyframeMaxDistance = (uint)_options.KeyframeInterval;
            Check(LibVpx.vpx_codec_enc_init_ver(_codec.DangerousGetHandle(), iface, config, 0, LibVpx.EncoderAbiVersion), "vpx_codec_enc_init_ver");
        }
        _codec.MarkInitialized();
        var ctx = _codec.DangerousGetHandle();
        Control(ctx, LibVpx.Vp8eSetCpuUsed, _options.CpuUsed);
        Control(ctx, LibVpx.Vp8eSetNoiseSensitivity, 0);
        Control(ctx, LibVpx.Vp8eSetStaticThreshold, 1);
        Control(ctx, LibVpx.Vp8eSetTokenPartitions, 0); // one partition: RFC 7741 packetization stays simple
        // VP8E_SET_MAX_INTRA_BITRATE_PCT caps a keyframe as a percentage of an average frame. Half the optimal buffer
        // (300 ms) in frames, ×100 %: 900 % at 30 fps, so a keyframe cannot stall the link for long.
        Control(ctx, LibVpx.Vp8eSetMaxIntraBitratePct, 300 * _options.FrameRate / 1000 * 100);
    }

    private void ApplyBitrate()
    {
        var requested = (uint)TargetBitrateKbps;
        if (requested == _config.TargetBitrateKbps)
        {
            return;
        }
        _config.TargetBitrateKbps = requested;
        fixed (VpxEncoderConfig* config = &_config)
        {
            Check(LibVpx.vpx_codec_enc_config_set(_codec.DangerousGetHandle(), config), "vpx_codec_enc_config_set");
        }
    }

    private static VpxImage DescribeImage(I420Frame frame, byte* buffer)
    {
        return new VpxImage
        {
            Format = LibVpx.ImageFormatI420,
            Width = (uint)frame.Width,
            Height = (uint)frame.Height,
            BitDepth = 8,
            DisplayWidth = (uint)frame.Width,
            DisplayHeight = (uint)frame.Height,
            ChromaShiftX = 1,
            ChromaShiftY = 1,
            PlaneY = buffer,
            PlaneU = buffer + frame.OffsetU,
            PlaneV = buffer + frame.OffsetV,
            StrideY = frame.StrideY,
            StrideU = frame.StrideU,
            StrideV = frame.StrideV,
            BitsPerPixel = 12,
        };
    }

    private static void Control(IntPtr ctx, int control, int value) =>
        Check(LibVpx.vpx_codec_control_int(ctx, control, value), $"vpx_codec_control({control})", ctx);

    private void Check(int result, string operation) => Check(result, operation, _codec.DangerousGetHandle());

    private static void Check(int result, string operation, IntPtr ctx)
    {
        if (result != LibVpx.CodecOk)
        {
            throw new VpxException(operation, LibVpx.Describe(result, ctx));
        }
    }
}
