namespace PortraitStream.Inference.Imaging;

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
        var work = new float[image.Pixels.Length];
        for (var i = 0; i < work.Length; i++)
        {
            work[i] = image.Pixels[i];
        }

        var line = new float[Math.Max(width, height) * 3];
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
        for (var i = 0; i < work.Length; i++)
        {
            blurred.Pixels[i] = (byte)Math.Clamp((int)(work[i] + 0.5f), 0, 255);
        }
        return blurred;
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
