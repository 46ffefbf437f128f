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

    /// <summary>A target with freshly allocated buffers.</summary>
    public static RenderTarget Allocate(int width, int height, bool withDepth = false)
    {
        RenderRequest.ValidateSize(width, height);
        return new RenderTarget(width, height, new byte[width * height * 4], withDepth ? new float[width * height] : null);
    }
}
