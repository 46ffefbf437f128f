using System.Numerics;

namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// The bilinear filter of an <see cref="RgbImage"/> at one continuous position, for callers that sample scattered
/// points (the background layer, once per output pixel). Pixel centres are at half-integers, as in
/// <see cref="AffineTransform2D"/>; outside the image the nearest edge pixels continue it (a replicated border).
/// </summary>
public static class BilinearSample
{
    /// <summary>The sample (R, G, B in 0…255) at (<paramref name="sx"/>, <paramref name="sy"/>).</summary>
    public static Vector3 At(RgbImage source, float sx, float sy)
    {
        ArgumentNullException.ThrowIfNull(source);
        var fx = sx - 0.5f;
        var fy = sy - 0.5f;
        var x0 = (int)MathF.Floor(fx);
        var y0 = (int)MathF.Floor(fy);
        var tx = fx - x0;
        var ty = fy - y0;
        var xa = Math.Clamp(x0, 0, source.Width - 1);
        var xb = Math.Clamp(x0 + 1, 0, source.Width - 1);
        var ya = Math.Clamp(y0, 0, source.Height - 1);
        var yb = Math.Clamp(y0 + 1, 0, source.Height - 1);
        var pixels = source.Pixels;
        var stride = source.Stride;
        var top = Vector3.Lerp(Texel(pixels, ya * stride + xa * 3), Texel(pixels, ya * stride + xb * 3), tx);
        var bottom = Vector3.Lerp(Texel(pixels, yb * stride + xa * 3), Texel(pixels, yb * stride + xb * 3), tx);
        return Vector3.Lerp(top, bottom, ty);
    }

    private static Vector3 Texel(byte[] pixels, int offset) => new(pixels[offset], pixels[offset + 1], pixels[offset + 2]);
}
