using System.Numerics;

namespace PortraitStream.Inference.Imaging;

/// <summary>
/// Resamples an <see cref="RgbImage"/> through an affine map with bilinear filtering. When the map shrinks the source
/// (a 1080p frame to a 128² detector input, say) each output pixel averages an n×n grid of bilinear taps, n = the
/// shrink factor rounded (at most 4), so detail does not alias into the detector or the encoder; below 1.5× plain
/// bilinear filtering already covers the footprint.
/// Samples outside the source take the nearest edge pixel (no black bars inside a face crop).
/// </summary>
public static class ImageWarp
{
    private const int MaxTapsPerAxis = 4;

    /// <summary>Fills <paramref name="destination"/>: pixel (x, y) samples the source at destinationToSource(x+½, y+½).</summary>
    public static void Warp(RgbImage source, RgbImage destination, AffineTransform2D destinationToSource)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var taps = Math.Clamp((int)MathF.Round(destinationToSource.Scale), 1, MaxTapsPerAxis);
        Parallel.For(0, destination.Height, y => WarpRow(source, destination, destinationToSource, taps, y));
    }

    /// <summary>A new <paramref name="size"/>² image of the square crop that <paramref name="destinationToSource"/> describes.</summary>
    public static RgbImage Crop(RgbImage source, AffineTransform2D destinationToSource, int size)
    {
        var destination = new RgbImage(size, size);
        Warp(source, destination, destinationToSource);
        return destination;
    }

    private static void WarpRow(RgbImage source, RgbImage destination, AffineTransform2D map, int taps, int y)
    {
        var row = destination.Pixels.AsSpan(y * destination.Stride, destination.Stride);
        var weight = 1f / (taps * taps);
        Span<float> rgb = stackalloc float[3];
        for (var x = 0; x < destination.Width; x++)
        {
            rgb.Clear();
            for (var j = 0; j < taps; j++)
            {
                for (var i = 0; i < taps; i++)
                {
                    var (sx, sy) = map.Apply(x + (i + 0.5f) / taps, y + (j + 0.5f) / taps);
                    AccumulateBilinear(source, sx, sy, weight, rgb);
                }
            }
            for (var c = 0; c < 3; c++)
            {
                row[x * 3 + c] = (byte)Math.Clamp((int)(rgb[c] + 0.5f), 0, 255);
            }
        }
    }

    /// <summary>
    /// The bilinear sample (R, G, B in 0…255) at continuous position (<paramref name="sx"/>, <paramref name="sy"/>),
    /// pixel centres at half-integers; outside the image the nearest edge pixels continue it. The one bilinear filter:
    /// warps add up its taps, the background layer samples it once per output pixel.
    /// </summary>
    public static Vector3 Bilinear(RgbImage source, float sx, float sy)
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

    /// <summary>Adds weight × the bilinear sample at continuous position (sx, sy) (pixel centres at half-integers).</summary>
    private static void AccumulateBilinear(RgbImage source, float sx, float sy, float weight, Span<float> rgb)
    {
        var sample = weight * Bilinear(source, sx, sy);
        rgb[0] += sample.X;
        rgb[1] += sample.Y;
        rgb[2] += sample.Z;
    }
}
