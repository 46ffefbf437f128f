using System.Buffers;
using PortraitStream.Server.Media.Codecs.Native;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// Realtime H.264 encoder over OpenH264: constrained baseline (what OpenH264 writes), one spatial and temporal
/// layer, bitrate-mode rate control, an IDR with SPS and PPS in front at start, on request and every
/// <see cref="IdrIntervalFrames"/>. Output is an access unit in Annex B form, ready for <c>H264Packetizer</c>.
/// Timestamps are in the 90 kHz RTP video clock (RFC 6184 §5.1), as for VP8.
/// </summary>
internal sealed unsafe class H264Encoder : VideoEncoder
{
    /// <summary>Frames between automatic IDRs; receivers ask for more with PLI/FIR. As Vp8EncoderOptions' default.</summary>
    public const int IdrIntervalFrames = 3000;

    /// <summary>The rate control's expected input rate (OpenH264 takes at most 30 for realtime camera use).</summary>
    private const float FrameRate = 30f;

    private const int MillisecondsPerTick = 90; // 90 kHz ticks per millisecond

    private readonly SafeOpenH264Handle _encoder;
    private int _appliedBitrateKbps;

    /// <summary>An encoder for <paramref name="width"/> × <paramref name="height"/> pictures (both even) at <paramref name="bitrateKbps"/>.</summary>
    public H264Encoder(int width, int height, int bitrateKbps) : base(width, height, bitrateKbps)
    {
        // H.264 4:2:0 codes whole chroma samples, so OpenH264 takes even sizes only.
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0 || width > I420Frame.MaxDimension || height > I420Frame.MaxDimension)
        {
            throw new ArgumentException($"H.264 needs even picture sizes up to {I420Frame.MaxDimension}; got {width}×{height}");
        }

        _appliedBitrateKbps = bitrateKbps;
        _encoder = SafeOpenH264Handle.CreateEncoder();
        try
        {
            Initialize();
        }
        catch
        {
            _encoder.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    protected override bool Encode(I420Frame frame, long timestamp, bool keyframe, IBufferWriter<byte> output, out EncodedFrameInfo info)
    {
        ObjectDisposedException.ThrowIf(_encoder.IsClosed, this);
        var instance = _encoder.DangerousGetHandle();
        ApplyBitrate(instance);
        if (keyframe)
        {
            Check(OpenH264.ForceIdr(instance), "ISVCEncoder::ForceIntraFrame");
        }

        var result = default(SFrameBSInfo);
        fixed (byte* buffer = frame.Buffer)
        {
            var source = new SSourcePicture
            {
                ColorFormat = OpenH264.VideoFormatI420,
                StrideY = frame.StrideY,
                StrideU = frame.StrideU,
                StrideV = frame.StrideV,
                PlaneY = buffer,
                PlaneU = buffer + frame.OffsetU,
                PlaneV = buffer + frame.OffsetV,
                PictureWidth = frame.Width,
                PictureHeight = frame.Height,
                Timestamp = timestamp / MillisecondsPerTick,
            };
            Check(OpenH264.EncodeFrame(instance, &source, &result), "ISVCEncoder::EncodeFrame");
        }

        info = default;
        if (result.FrameType == OpenH264.FrameTypeSkip || result.LayerCount <= 0)
        {
            // Rate control dropped this picture to stay within the bitrate.
            return false;
        }

        int total = 0;
        for (int layer = 0; layer < Math.Min(result.LayerCount, 128); layer++)
        {
            ref var bits = ref result.Layers[layer];
            int length = 0;
            for (int nal = 0; nal < bits.NalCount; nal++)
            {
                length += bits.NalLengths[nal];
            }

            // Each layer's units sit back to back, each behind its own start code: already the Annex B byte stream.
            output.Write(new ReadOnlySpan<byte>(bits.Bitstream, length));
            total += length;
        }

        info = new EncodedFrameInfo(total, result.FrameType == OpenH264.FrameTypeIdr);
        return total > 0;
    }

    public override void Dispose() => _encoder.Dispose();

    private void Initialize()
    {
        var instance = _encoder.DangerousGetHandle();
        int quiet = OpenH264.LogQuiet;
        Check(OpenH264.SetEncoderOption(instance, OpenH264.EncoderOptionTraceLevel, &quiet), "SetOption(TRACE_LEVEL)");
        var param = new SEncParamBase
        {
            UsageType = OpenH264.CameraVideoRealTime,
            PictureWidth = Width,
            PictureHeight = Height,
            TargetBitrate = _appliedBitrateKbps * 1000,
            RateControlMode = OpenH264.RateControlBitrate,
            MaxFrameRate = FrameRate,
        };
        Check(OpenH264.InitializeEncoder(instance, &param), "ISVCEncoder::Initialize");
        int format = OpenH264.VideoFormatI420, interval = IdrIntervalFrames;
        Check(OpenH264.SetEncoderOption(instance, OpenH264.EncoderOptionDataFormat, &format), "SetOption(DATAFORMAT)");
        Check(OpenH264.SetEncoderOption(instance, OpenH264.EncoderOptionIdrInterval, &interval), "SetOption(IDR_INTERVAL)");
    }

    private void ApplyBitrate(IntPtr instance)
    {
        int requested = TargetBitrateKbps;
        if (requested == _appliedBitrateKbps)
        {
            return;
        }

        var bitrate = new SBitrateInfo { Layer = OpenH264.SpatialLayerAll, Bitrate = requested * 1000 };
        Check(OpenH264.SetEncoderOption(instance, OpenH264.EncoderOptionBitrate, &bitrate), "SetOption(BITRATE)");
        _appliedBitrateKbps = requested;
    }

    private static void Check(int result, string operation)
    {
        if (result != OpenH264.Success)
        {
            throw new OpenH264Exception(operation, $"returned {result}");
        }
    }
}
