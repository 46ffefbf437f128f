using System.Runtime.InteropServices;

namespace PortraitStream.Server.Media.Codecs.Native;

/// <summary>
/// The libopenh264.so.7 (OpenH264 2.3, Debian 12's libopenh264-7) entry points and constants, from its C API headers
/// (wels/codec_api.h, codec_app_def.h, codec_def.h). The library hands out C++ objects; the C view of one is a pointer
/// to a table of functions that each take the object first (codec_api.h's ISVCEncoderVtbl and ISVCDecoderVtbl), so a
/// method is called through the table slot of its position there.
/// </summary>
internal static unsafe partial class OpenH264
{
    private const string Lib = "libopenh264.so.7";

    // ISVCDecoderVtbl slots.
    private const int DecoderInitialize = 0, DecoderDecodeFrameNoDelay = 3, DecoderSetOption = 8;
    // ISVCEncoderVtbl slots.
    private const int EncoderInitialize = 0, EncoderEncodeFrame = 4, EncoderForceIntraFrame = 6, EncoderSetOption = 7;

    /// <summary>cmResultSuccess (codec_app_def.h CM_RETURN) and dsErrorFree (DECODING_STATE).</summary>
    public const int Success = 0;

    // ENCODER_OPTION and DECODER_OPTION (codec_app_def.h), by their position in the enums.
    public const int EncoderOptionDataFormat = 0, EncoderOptionIdrInterval = 1, EncoderOptionBitrate = 5, EncoderOptionTraceLevel = 25;
    public const int DecoderOptionTraceLevel = 9;

    public const int LogQuiet = 0;              // WELS_LOG_QUIET
    public const int CameraVideoRealTime = 0;   // EUsageType CAMERA_VIDEO_REAL_TIME
    public const int RateControlBitrate = 1;    // RC_MODES RC_BITRATE_MODE
    public const int SpatialLayerAll = 4;       // LAYER_NUM SPATIAL_LAYER_ALL
    public const int VideoFormatI420 = 23;      // EVideoFormatType videoFormatI420
    public const int ErrorConcealmentOff = 0;   // ERROR_CON_DISABLE
    public const int BitstreamAvc = 0;          // VIDEO_BITSTREAM_AVC
    public const int FrameTypeIdr = 1, FrameTypeSkip = 4; // EVideoFrameType

    [LibraryImport(Lib)] public static partial nint WelsCreateDecoder(IntPtr* decoder);
    [LibraryImport(Lib)] public static partial void WelsDestroyDecoder(IntPtr decoder);
    [LibraryImport(Lib)] public static partial int WelsCreateSVCEncoder(IntPtr* encoder);
    [LibraryImport(Lib)] public static partial void WelsDestroySVCEncoder(IntPtr encoder);

    /// <summary>ISVCDecoder::Initialize; returns 0 on success.</summary>
    public static nint InitializeDecoder(IntPtr decoder, SDecodingParam* param) =>
        ((delegate* unmanaged<IntPtr, SDecodingParam*, nint>)Slot(decoder, DecoderInitialize))(decoder, param);

    /// <summary>ISVCDecoder::DecodeFrameNoDelay: decodes one access unit and returns its picture at once; a DECODING_STATE.</summary>
    public static int DecodeFrameNoDelay(IntPtr decoder, byte* source, int length, byte** planes, SBufferInfo* info) =>
        ((delegate* unmanaged<IntPtr, byte*, int, byte**, SBufferInfo*, int>)Slot(decoder, DecoderDecodeFrameNoDelay))(decoder, source, length, planes, info);

    public static nint SetDecoderOption(IntPtr decoder, int option, void* value) =>
        ((delegate* unmanaged<IntPtr, int, void*, nint>)Slot(decoder, DecoderSetOption))(decoder, option, value);

    /// <summary>ISVCEncoder::Initialize with the base parameters; returns 0 on success.</summary>
    public static int InitializeEncoder(IntPtr encoder, SEncParamBase* param) =>
        ((delegate* unmanaged<IntPtr, SEncParamBase*, int>)Slot(encoder, EncoderInitialize))(encoder, param);

    public static int EncodeFrame(IntPtr encoder, SSourcePicture* picture, SFrameBSInfo* info) =>
        ((delegate* unmanaged<IntPtr, SSourcePicture*, SFrameBSInfo*, int>)Slot(encoder, EncoderEncodeFrame))(encoder, picture, info);

    /// <summary>ISVCEncoder::ForceIntraFrame(true): the next frame is an IDR picture.</summary>
    public static int ForceIdr(IntPtr encoder) =>
        ((delegate* unmanaged<IntPtr, byte, int>)Slot(encoder, EncoderForceIntraFrame))(encoder, 1);

    public static int SetEncoderOption(IntPtr encoder, int option, void* value) =>
        ((delegate* unmanaged<IntPtr, int, void*, int>)Slot(encoder, EncoderSetOption))(encoder, option, value);

    /// <summary>The function in slot <paramref name="index"/> of the object's table (the object's first word points to it).</summary>
    private static IntPtr Slot(IntPtr instance, int index) => (*(IntPtr**)instance)[index];

    /// <summary>OpenH264's version, e.g. "2.3.1" (WelsGetCodecVersionEx).</summary>
    public static string Version()
    {
        OpenH264Version version;
        WelsGetCodecVersionEx(&version);
        return $"{version.Major}.{version.Minor}.{version.Revision}";
    }

    [LibraryImport(Lib)] private static partial void WelsGetCodecVersionEx(OpenH264Version* version);

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenH264Version
    {
        public uint Major, Minor, Revision, Reserved;
    }
}
