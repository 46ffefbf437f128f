using System.Runtime.InteropServices;

namespace PortraitStream.Server.Media.Codecs.Native;

/// <summary>
/// libyuv.so.0 colour conversions (BT.601 limited range, what VP8 and WebRTC use). libyuv names packed formats by
/// their little-endian 32-bit word, so its "RAW" is bytes R,G,B in memory and its "ABGR" is bytes R,G,B,A (see
/// libyuv's docs/formats.md). All return 0 on success.
/// </summary>
internal static unsafe partial class LibYuv
{
    private const string Lib = "libyuv.so.0";

    [LibraryImport(Lib)]
    public static partial int RAWToI420(byte* srcRaw, int srcStride, byte* y, int strideY, byte* u, int strideU, byte* v, int strideV, int width, int height);

    [LibraryImport(Lib)]
    public static partial int I420ToRAW(byte* y, int strideY, byte* u, int strideU, byte* v, int strideV, byte* dstRaw, int dstStride, int width, int height);

    [LibraryImport(Lib)]
    public static partial int ABGRToI420(byte* srcAbgr, int srcStride, byte* y, int strideY, byte* u, int strideU, byte* v, int strideV, int width, int height);

    [LibraryImport(Lib)]
    public static partial int I420ToABGR(byte* y, int strideY, byte* u, int strideU, byte* v, int strideV, byte* dstAbgr, int dstStride, int width, int height);
}
