namespace PortraitStream.Renderer;

/// <summary>
/// Caller-owned output of one render, reused across frames. <see cref="Rgba"/>: Width × Height × 4 bytes, rows top to
/// bottom, colour premultiplied over black, alpha = opacity · 255. <see cref="Depth"/> (optional): Width × Height
/// floats, world units along each pixel's ray, +∞ where nothing was hit.
/// </summary>
public sealed class RenderTarget
{
    public RenderTarget(int width, int height, byte[] rgba, float[]? depth = null)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        RenderRequest.ValidateSize(width, height);
        long pixels = (long)width * height;
        if (rgba.LongLength != pixels * 4)
        {
            throw new ArgumentException($"RGBA buffer has {rgba.LongLength} bytes, a {width}×{height} target needs {pixels * 4}", nameof(rgba));
        }
        if (depth is not null && depth.LongLength != pixels)
        {
            throw new ArgumentException($"depth buffer has {depth.LongLength} floats, a {width}×{height} target needs {pixels}", nameof(depth));
        }
        (Width, Height, Rgba, Depth) = (width, height, rgba, depth);
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Rgba { get; }
    public float[]? Depth { get; }

    /// <summary>
    /// Writes pixel <paramref name="index"/> (y · Width + x): colour and opacity in [0, 1] to bytes rounded to nearest
    /// (EG3D's colours overshoot [0, 1] by 0.001, hence the clamp), and the depth when the target keeps one.
    /// </summary>
    internal void Write(int index, float r, float g, float b, float opacity, float depth)
    {
        var pixel = Rgba.AsSpan(4 * index, 4);
        pixel[0] = ToByte(r);
        pixel[1] = ToByte(g);
        pixel[2] = ToByte(b);
        pixel[3] = ToByte(opacity);
        if (Depth is not null)
        {
            Depth[index] = depth;
        }
    }

    /// <summary>
    /// Copies <paramref name="picture"/> (same height) into this target with its left edge at <paramref name="column"/>:
    /// how one eye's picture lands in its half of a side-by-side target.
    /// </summary>
    internal void Paste(RenderTarget picture, int column)
    {
        if (picture.Height != Height || column < 0 || column + picture.Width > Width)
        {
            throw new ArgumentException($"a {picture.Width}×{picture.Height} picture at column {column} does not fit a {Width}×{Height} target");
        }
        for (int y = 0; y < Height; y++)
        {
            picture.Rgba.AsSpan(4 * y * picture.Width, 4 * picture.Width).CopyTo(Rgba.AsSpan(4 * (y * Width + column)));
            if (Depth is not null && picture.Depth is not null)
            {
                picture.Depth.AsSpan(y * picture.Width, picture.Width).CopyTo(Depth.AsSpan(y * Width + column));
            }
        }
    }

    /// <summary><paramref name="existing"/> when it has this size and depth buffer, else a fresh target (per-eye scratch).</summary>
    internal static RenderTarget Reuse(RenderTarget? existing, int width, int height, bool withDepth) =>
        existing is not null && existing.Width == width && existing.Height == height && (existing.Depth is not null) == withDepth
            ? existing
            : Allocate(width, height, withDepth);

    private static byte ToByte(float value) => (byte)Math.Clamp((int)(value * 255f + 0.5f), 0, 255);

    /// <summary>A target with freshly allocated buffers.</summary>
    public static RenderTarget Allocate(int width, int height, bool withDepth = false)
    {
        RenderRequest.ValidateSize(width, height);
        return new RenderTarget(width, height, new byte[width * height * 4], withDepth ? new float[width * height] : null);
    }
}
