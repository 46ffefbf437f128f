namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// An 8-bit RGB image, rows top to bottom, 3 bytes per pixel, no row padding. The one pixel type that crosses
/// component boundaries (image files, face crops, encoder input).
/// </summary>
public sealed class RgbImage
{
    public const int BytesPerPixel = 3;

    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * BytesPerPixel)
        {
            throw new ArgumentException($"{width}×{height} RGB needs {(long)width * height * BytesPerPixel} bytes, got {pixels.Length}", nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public RgbImage(int width, int height) : this(width, height, new byte[checked(width * height * BytesPerPixel)]) { }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }
    public int Stride => Width * BytesPerPixel;

    /// <summary>The three bytes of pixel (x, y).</summary>
    public Span<byte> Pixel(int x, int y) => Pixels.AsSpan((y * Width + x) * BytesPerPixel, BytesPerPixel);
}
