using System.Buffers;

namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// A strong, cheap blur: repeated separable box filters with running sums (cost independent of the radius), edges
/// continued by their nearest pixel. Three passes of radius r approximate a Gaussian of σ = √(3·((2r + 1)² − 1) / 12)
/// = √(r·(r + 1)), e.g. σ ≈ 8.5 pixels for r = 8 (Wells, "Efficient synthesis of Gaussian filters by cascaded uniform
/// filters", IEEE PAMI 1986).
/// </summary>
public static class BoxBlur
{
    public const int GaussianPasses = 3;

    /// <summary><paramref name="image"/> blurred by <paramref name="passes"/> box filters of <paramref name="radius"/> pixels each way.</summary>
    public static RgbImage Blur(RgbImage image, int radius, int passes = GaussianPasses)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        var (width, height) = (image.Width, image.Height);
        var length = image.Pixels.Length;
        // Pooled: a blur runs per video frame.
        var work = ArrayPool<float>.Shared.Rent(length);
        var line = ArrayPool<float>.Shared.Rent(Math.Max(width, height) * 3);
        try
        {
            for (var i = 0; i < length; i++)
            {
                work[i] = image.Pixels[i];
            }
            for (var pass = 0; pass < passes && radius > 0; pass++)
            {
                for (var y = 0; y < height; y++)
                {
                    BlurLine(work, y * width * 3, 3, width, radius, line);
                }
                for (var x = 0; x < width; x++)
                {
                    BlurLine(work, x * 3, width * 3, height, radius, line);
                }
            }

            var blurred = new RgbImage(width, height);
            for (var i = 0; i < length; i++)
            {
                blurred.Pixels[i] = (byte)Math.Clamp((int)(work[i] + 0.5f), 0, 255);
            }
            return blurred;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(work);
            ArrayPool<float>.Shared.Return(line);
        }
    }

    /// <summary>
    /// <paramref name="image"/> shrunk by a whole <paramref name="factor"/>: each output pixel the mean of a factor ×
    /// factor block (a box filter sampled at its block centres; a partial block at the right or bottom edge averages
    /// what it has). Before a strong blur this loses nothing and makes the blur factor² times cheaper.
    /// </summary>
    public static RgbImage Shrink(RgbImage image, int factor)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        var small = new RgbImage((image.Width + factor - 1) / factor, (image.Height + factor - 1) / factor);
        for (var y = 0; y < small.Height; y++)
        {
            for (var x = 0; x < small.Width; x++)
            {
                int r = 0, g = 0, b = 0, count = 0;
                for (var sy = y * factor; sy < Math.Min((y + 1) * factor, image.Height); sy++)
                {
                    var row = sy * image.Stride;
                    for (var sx = x * factor; sx < Math.Min((x + 1) * factor, image.Width); sx++)
                    {
                        (r, g, b, count) = (r + image.Pixels[row + 3 * sx], g + image.Pixels[row + 3 * sx + 1], b + image.Pixels[row + 3 * sx + 2], count + 1);
                    }
                }
                var p = y * small.Stride + 3 * x;
                (small.Pixels[p], small.Pixels[p + 1], small.Pixels[p + 2]) = ((byte)((r + count / 2) / count), (byte)((g + count / 2) / count), (byte)((b + count / 2) / count));
            }
        }
        return small;
    }

    /// <summary>
    /// One box pass along a line of <paramref name="count"/> RGB pixels starting at <paramref name="start"/>,
    /// <paramref name="step"/> floats apart: each pixel becomes the mean of the 2r + 1 around it, indices clamped.
    /// </summary>
    private static void BlurLine(float[] data, int start, int step, int count, int radius, float[] line)
    {
        for (var i = 0; i < count; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                line[3 * i + c] = data[start + i * step + c];
            }
        }

        var scale = 1f / (2 * radius + 1);
        Span<float> sum = stackalloc float[3];
        for (var k = -radius; k <= radius; k++)
        {
            var j = Math.Clamp(k, 0, count - 1);
            for (var c = 0; c < 3; c++)
            {
                sum[c] += line[3 * j + c];
            }
        }
        for (var i = 0; i < count; i++)
        {
            var enter = Math.Min(i + radius + 1, count - 1);
            var leave = Math.Max(i - radius, 0);
            for (var c = 0; c < 3; c++)
            {
                data[start + i * step + c] = sum[c] * scale;
                sum[c] += line[3 * enter + c] - line[3 * leave + c];
            }
        }
    }
}
