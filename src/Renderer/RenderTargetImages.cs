using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer;

/// <summary>Turns a <see cref="RenderTarget"/> into viewable images (files, tests, video frames).</summary>
public static class RenderTargetImages
{
    /// <summary>The colour, already composited over black, without alpha.</summary>
    public static RgbImage ToRgbImage(this RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var image = new RgbImage(target.Width, target.Height);
        var rgba = target.Rgba;
        var rgb = image.Pixels;
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        return image;
    }

    /// <summary>
    /// RGBA with straight (not premultiplied) colour, as PNG stores it: colour = premultiplied / alpha, rounded; fully
    /// transparent pixels black. For outputs that keep the render's transparency.
    /// </summary>
    public static byte[] ToStraightRgba(this RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var straight = new byte[target.Rgba.Length];
        var rgba = target.Rgba;
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var alpha = rgba[i + 3];
            straight[i + 3] = alpha;
            if (alpha == 0)
            {
                continue;
            }
            for (var c = 0; c < 3; c++)
            {
                straight[i + c] = (byte)Math.Min((rgba[i + c] * 255 + alpha / 2) / alpha, 255);
            }
        }
        return straight;
    }

    /// <summary>
    /// The depth map as grey: the nearest hit white, the farthest hit dark grey (40), nothing hit black. Scaled to the
    /// frame's own depth range, so relief is visible whatever the scene's distance.
    /// </summary>
    public static RgbImage DepthToGrayImage(this RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var depth = target.Depth ?? throw new InvalidOperationException("the render target has no depth buffer");
        var (near, far) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var d in depth)
        {
            if (float.IsFinite(d))
            {
                (near, far) = (MathF.Min(near, d), MathF.Max(far, d));
            }
        }
        var span = MathF.Max(far - near, 1e-6f);
        var image = new RgbImage(target.Width, target.Height);
        for (var i = 0; i < depth.Length; i++)
        {
            var grey = float.IsFinite(depth[i]) ? (byte)(255 - 215 * (depth[i] - near) / span) : (byte)0;
            image.Pixels.AsSpan(3 * i, 3).Fill(grey);
        }
        return image;
    }
}
