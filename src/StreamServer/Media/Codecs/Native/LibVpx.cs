using System.Runtime.InteropServices;

namespace PortraitStream.Server.Media.Codecs.Native;

/// <summary>
/// The libvpx.so.7 (libvpx 1.12, Debian 12) entry points for VP8 encode and decode. ABI versions and constants are
/// those of the 1.12 headers (vpx_codec.h, vpx_encoder.h, vpx_decoder.h, vp8cx.h, vp8dx.h); the library refuses an
/// init whose ABI version differs, so a mismatch fails loudly instead of corrupting memory.
/// </summary>
internal static unsafe partial class LibVpx
{
    private const string Lib = "libvpx.so.7";

    /// <summary>VPX_IMAGE_ABI_VERSION (5) + 4.</summary>
    private const int CodecAbiVersion = 5 + 4;

    /// <summary>VPX_ENCODER_ABI_VERSION: 15 + VPX_CODEC_ABI_VERSION + VPX_EXT_RATECTRL_ABI_VERSION (1).</summary>
    public const int EncoderAbiVersion = 15 + CodecAbiVersion + 1;

    /// <summary>VPX_DECODER_ABI_VERSION: 3 + VPX_CODEC_ABI_VERSION.</summary>
    public const int DecoderAbiVersion = 3 + CodecAbiVersion;

    /// <summary>sizeof(vpx_codec_ctx_t) on 64-bit Linux; the context is opaque to us and only allocated.</summary>
    public const int CodecContextSize = 56;

    public const int CodecOk = 0;
    public const int ImageFormatI420 = 0x102; // VPX_IMG_FMT_PLANAR | 2
    public const int CxFramePacket = 0;       // VPX_CODEC_CX_FRAME_PKT
    public const uint FrameIsKey = 0x1;       // VPX_FRAME_IS_KEY
    public const nint EncodeForceKeyframe = 1; // VPX_EFLAG_FORCE_KF
    public const nuint DeadlineRealtime = 1;  // VPX_DL_REALTIME
    public const uint ErrorResilientDefault = 1; // VPX_ERROR_RESILIENT_DEFAULT
    public const uint RateControlCbr = 1;     // VPX_CBR
    public const uint KeyframeAuto = 1;       // VPX_KF_AUTO

    // vp8e_enc_control_id (vp8cx.h) and vp8_dec_control_id (vp8dx.h).
    public const int Vp8eSetCpuUsed = 13;
    public const int Vp8eSetNoiseSensitivity = 15;
    public const int Vp8eSetStaticThreshold = 17;
    public const int Vp8eSetTokenPartitions = 18;
    public const int Vp8eSetMaxIntraBitratePct = 26;
    public const int Vp8dGetFrameCorrupted = 257;

    [LibraryImport(Lib)] public static partial IntPtr vpx_codec_vp8_cx();
    [LibraryImport(Lib)] public static partial IntPtr vpx_codec_vp8_dx();
    [LibraryImport(Lib)] public static partial IntPtr vpx_codec_err_to_string(int error);
    [LibraryImport(Lib)] public static partial IntPtr vpx_codec_error_detail(IntPtr ctx);
    [LibraryImport(Lib)] public static partial int vpx_codec_destroy(IntPtr ctx);

    [LibraryImport(Lib)] public static partial int vpx_codec_enc_config_default(IntPtr iface, VpxEncoderConfig* config, uint usage);
    [LibraryImport(Lib)] public static partial int vpx_codec_enc_init_ver(IntPtr ctx, IntPtr iface, VpxEncoderConfig* config, nint flags, int abiVersion);
    [LibraryImport(Lib)] public static partial int vpx_codec_enc_config_set(IntPtr ctx, VpxEncoderConfig* config);
    [LibraryImport(Lib)] public static partial int vpx_codec_encode(IntPtr ctx, VpxImage* image, long pts, nuint duration, nint flags, nuint deadline);
    [LibraryImport(Lib)] public static partial VpxCodecCxPacket* vpx_codec_get_cx_data(IntPtr ctx, IntPtr* iterator);

    [LibraryImport(Lib)] public static partial int vpx_codec_dec_init_ver(IntPtr ctx, IntPtr iface, VpxDecoderConfig* config, nint flags, int abiVersion);
    [LibraryImport(Lib)] public static partial int vpx_codec_peek_stream_info(IntPtr iface, byte* data, uint size, VpxStreamInfo* info);
    [LibraryImport(Lib)] public static partial int vpx_codec_decode(IntPtr ctx, byte* data, uint size, IntPtr userPrivate, nint deadline);
    [LibraryImport(Lib)] public static partial VpxImage* vpx_codec_get_frame(IntPtr ctx, IntPtr* iterator);

    // vpx_codec_control_ is variadic. On the SysV x86-64 and AAPCS64 Linux ABIs an integer or pointer passed through
    // "..." travels in the same register as a fixed argument would, so fixed-signature imports call it correctly.
    // (x86-64 also passes the count of vector registers used in AL, which a fixed-signature call leaves undefined;
    // GCC's variadic prologue only tests AL for zero to decide whether to spill XMM registers, so any value is safe.)
    [LibraryImport(Lib, EntryPoint = "vpx_codec_control_")]
    public static partial int vpx_codec_control_int(IntPtr ctx, int controlId, int value);
    [LibraryImport(Lib, EntryPoint = "vpx_codec_control_")]
    public static partial int vpx_codec_control_intptr(IntPtr ctx, int controlId, int* value);

    /// <summary>libvpx's own words for an error code, plus the context's detail when it has one.</summary>
    public static string Describe(int error, IntPtr ctx)
    {
        var text = Marshal.PtrToStringUTF8(vpx_codec_err_to_string(error)) ?? $"error {error}";
        var detail = ctx == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(vpx_codec_error_detail(ctx));
        return detail is null ? text : $"{text}: {detail}";
    }
}
