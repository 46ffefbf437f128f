using PortraitStream.Server.Media.Codecs.Native;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// Packed RGB ↔ <see cref="I420Frame"/> through libyuv (BT.601 limited range, as VP8 streams in browsers use).
/// "Rgb24" here means bytes R,G,B per pixel and "Rgba32" bytes R,G,B,A, i.e. memory order, which libyuv calls RAW
/// and ABGR respectively.
/// </summary>
internal static unsafe class I420Conversion
{
    /// <summary>Converts R,G,B pixels (rows <paramref name="stride"/> bytes apart) into <paramref name="destination"/>.</summary>
    public static void FromRgb24(ReadOnlySpan<byte> rgb, int stride, I420Frame destination) =>
        Convert(rgb, stride, 3, destination, destination.Height, &LibYuv.RAWToI420, nameof(LibYuv.RAWToI420));

    /// <summary>Converts R,G,B,A pixels (rows <paramref name="stride"/> bytes apart) into <paramref name="destination"/>; alpha is dropped.</summary>
    public static void FromRgba32(ReadOnlySpan<byte> rgba, int stride, I420Frame destination) =>
        Convert(rgba, stride, 4, destination, destination.Height, &LibYuv.ABGRToI420, nameof(LibYuv.ABGRToI420));

    /// <summary>
    /// Converts R,G,B,A pixels into the top <paramref name="rows"/> rows of <paramref name="destination"/> (alpha dropped)
    /// and leaves the rows below as they were; <paramref name="rows"/> is even, so every chroma row written covers
    /// only those rows (a picture packed above another, <c>AlphaPackedPicture</c>).
    /// </summary>
    public static void FromRgba32(ReadOnlySpan<byte> rgba, int stride, I420Frame destination, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, destination.Height);
        if (rows % 2 != 0)
        {
            throw new ArgumentException($"{rows} rows would share their last chroma row with the row below", nameof(rows));
        }
        Convert(rgba, stride, 4, destination, rows, &LibYuv.ABGRToI420, nameof(LibYuv.ABGRToI420));
    }

    /// <summary>Writes <paramref name="source"/> as R,G,B pixels, rows <paramref name="stride"/> bytes apart.</summary>
    public static void ToRgb24(I420Frame source, Span<byte> rgb, int stride) =>
        Convert(source, rgb, stride, 3, &LibYuv.I420ToRAW, nameof(LibYuv.I420ToRAW));

    /// <summary>Writes <paramref name="source"/> as R,G,B,A pixels (alpha 255), rows <paramref name="stride"/> bytes apart.</summary>
    public static void ToRgba32(I420Frame source, Span<byte> rgba, int stride) =>
        Convert(source, rgba, stride, 4, &LibYuv.I420ToABGR, nameof(LibYuv.I420ToABGR));

    private static void Convert(ReadOnlySpan<byte> packed, int stride, int bytesPerPixel, I420Frame frame, int rows,
        delegate*<byte*, int, byte*, int, byte*, int, byte*, int, int, int, int> convert, string name)
    {
        CheckPacked(packed.Length, stride, bytesPerPixel, frame.Width, rows);
        fixed (byte* source = packed)
        fixed (byte* planes = frame.Buffer)
        {
            Check(convert(source, stride, planes, frame.StrideY, planes + frame.OffsetU, frame.StrideU, planes + frame.OffsetV, frame.StrideV, frame.Width, rows), name);
        }
    }

    private static void Convert(I420Frame frame, Span<byte> packed, int stride, int bytesPerPixel,
        delegate*<byte*, int, byte*, int, byte*, int, byte*, int, int, int, int> convert, string name)
    {
        CheckPacked(packed.Length, stride, bytesPerPixel, frame.Width, frame.Height);
        fixed (byte* destination = packed)
        fixed (byte* planes = frame.Buffer)
        {
            Check(convert(planes, frame.StrideY, planes + frame.OffsetU, frame.StrideU, planes + frame.OffsetV, frame.StrideV, destination, stride, frame.Width, frame.Height), name);
        }
    }

    private static void CheckPacked(int length, int stride, int bytesPerPixel, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, width * bytesPerPixel);
        var needed = (long)stride * (height - 1) + (long)width * bytesPerPixel;
        if (length < needed)
        {
            throw new ArgumentException($"{width}×{height} at stride {stride} needs {needed} bytes, got {length}");
        }
    }

    private static void Check(int result, string function)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"libyuv {function} returned {result}");
        }
    }
}
