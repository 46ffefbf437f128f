using System.Buffers;

namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// A planar YUV 4:2:0 picture (I420: Y, then U, then V, each plane tightly packed) in one buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>, so a steady stream of frames of one size allocates nothing after warm-up.
/// Chroma planes are ⌈w/2⌉ × ⌈h/2⌉, as VP8 and libyuv define them for odd sizes. Dispose returns the buffer; the frame
/// must not be used afterwards.
/// </summary>
internal sealed class I420Frame : IDisposable
{
    /// <summary>Largest side accepted: VP8 codes 14-bit dimensions (RFC 6386 §9.1).</summary>
    public const int MaxDimension = 16383;

    private byte[]? _buffer;

    private I420Frame(int width, int height)
    {
        Width = width;
        Height = height;
        ChromaWidth = (width + 1) / 2;
        ChromaHeight = (height + 1) / 2;
        _buffer = ArrayPool<byte>.Shared.Rent(Length);
    }

    public int Width { get; }
    public int Height { get; }
    public int ChromaWidth { get; }
    public int ChromaHeight { get; }

    public int StrideY => Width;
    public int StrideU => ChromaWidth;
    public int StrideV => ChromaWidth;

    /// <summary>Bytes of all three planes together.</summary>
    public int Length => Width * Height + 2 * ChromaWidth * ChromaHeight;

    public Span<byte> Y => Buffer.AsSpan(0, Width * Height);
    public Span<byte> U => Buffer.AsSpan(OffsetU, ChromaWidth * ChromaHeight);
    public Span<byte> V => Buffer.AsSpan(OffsetV, ChromaWidth * ChromaHeight);

    /// <summary>All three planes, Y then U then V.</summary>
    public Span<byte> Planes => Buffer.AsSpan(0, Length);

    /// <summary>The rented array (may be longer than <see cref="Length"/>), for pinning in native calls.</summary>
    internal byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(I420Frame));

    /// <summary>Where the U plane starts in <see cref="Buffer"/> (Y starts at 0).</summary>
    internal int OffsetU => Width * Height;

    /// <summary>Where the V plane starts in <see cref="Buffer"/>.</summary>
    internal int OffsetV => OffsetU + ChromaWidth * ChromaHeight;

    /// <summary>A frame of the given size with undefined contents.</summary>
    public static I420Frame Rent(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxDimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxDimension);
        return new I420Frame(width, height);
    }

    /// <summary>
    /// A frame holding a copy of a codec library's picture, whose planes have their own strides and stay the library's
    /// (valid only until its next call).
    /// </summary>
    public static unsafe I420Frame CopyOf(int width, int height, byte* y, int strideY, byte* u, int strideU, byte* v, int strideV)
    {
        var picture = Rent(width, height);
        CopyPlane(y, strideY, picture.Y, picture.Width, picture.Height);
        CopyPlane(u, strideU, picture.U, picture.ChromaWidth, picture.ChromaHeight);
        CopyPlane(v, strideV, picture.V, picture.ChromaWidth, picture.ChromaHeight);
        return picture;
    }

    private static unsafe void CopyPlane(byte* source, int sourceStride, Span<byte> destination, int width, int height)
    {
        for (var row = 0; row < height; row++)
        {
            new ReadOnlySpan<byte>(source + (long)row * sourceStride, width).CopyTo(destination.Slice(row * width, width));
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
