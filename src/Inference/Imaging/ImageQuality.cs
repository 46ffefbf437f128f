using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Imaging;

/// <summary>
/// Full-reference picture metrics between two equally sized RGB images over a rectangle: PSNR over the RGB bytes
/// (peak 255) and SSIM on luma (Wang, Bovik, Sheikh &amp; Simoncelli, "Image Quality Assessment: From Error
/// Visibility to Structural Similarity", IEEE TIP 2004: 11 × 11 Gaussian window, σ = 1.5, K1 = 0.01, K2 = 0.03,
/// L = 255, the mean of the SSIM map over window centres inside the rectangle).
/// </summary>
public static class ImageQuality
{
    private const int WindowRadius = 5;
    private const double WindowSigma = 1.5;
    private const double C1 = 0.01 * 255 * 0.01 * 255;
    private const double C2 = 0.03 * 255 * 0.03 * 255;

    /// <summary>PSNR in dB over the RGB bytes inside <paramref name="region"/>; +∞ when they are identical.</summary>
    public static double Psnr(RgbImage actual, RgbImage reference, PixelRegion region)
    {
        CheckSizes(actual, reference, region);
        double sum = 0;
        long count = 0;
        for (int y = region.Y; y < region.Bottom; y++)
        {
            var a = actual.Pixels.AsSpan((y * actual.Width + region.X) * 3, region.Width * 3);
            var b = reference.Pixels.AsSpan((y * reference.Width + region.X) * 3, region.Width * 3);
            for (int i = 0; i < a.Length; i++)
            {
                double d = a[i] - b[i];
                sum += d * d;
            }
            count += a.Length;
        }
        return sum == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / (sum / count));
    }

    /// <summary>Mean SSIM of the luma (BT.601 weights) over window centres inside <paramref name="region"/>; 1 for identical images.</summary>
    public static double Ssim(RgbImage actual, RgbImage reference, PixelRegion region)
    {
        CheckSizes(actual, reference, region);
        var x = Luma(actual);
        var y = Luma(reference);
        var kernel = Gaussian();
        int w = actual.Width, h = actual.Height;
        double total = 0;
        long count = 0;
        for (int cy = Math.Max(region.Y, WindowRadius); cy < Math.Min(region.Bottom, h - WindowRadius); cy++)
        {
            for (int cx = Math.Max(region.X, WindowRadius); cx < Math.Min(region.Right, w - WindowRadius); cx++)
            {
                double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                for (int dy = -WindowRadius; dy <= WindowRadius; dy++)
                {
                    int row = (cy + dy) * w;
                    for (int dx = -WindowRadius; dx <= WindowRadius; dx++)
                    {
                        double k = kernel[dy + WindowRadius] * kernel[dx + WindowRadius];
                        double a = x[row + cx + dx], b = y[row + cx + dx];
                        mx += k * a;
                        my += k * b;
                        xx += k * a * a;
                        yy += k * b * b;
                        xy += k * a * b;
                    }
                }
                double vx = xx - mx * mx, vy = yy - my * my, cov = xy - mx * my;
                total += (2 * mx * my + C1) * (2 * cov + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                count++;
            }
        }
        return count == 0 ? double.NaN : total / count;
    }

    private static double[] Luma(RgbImage image)
    {
        var luma = new double[image.Width * image.Height];
        var p = image.Pixels;
        for (int i = 0; i < luma.Length; i++)
        {
            luma[i] = 0.299 * p[3 * i] + 0.587 * p[3 * i + 1] + 0.114 * p[3 * i + 2];
        }
        return luma;
    }

    /// <summary>The separable, normalised 1-D Gaussian of the SSIM window.</summary>
    private static double[] Gaussian()
    {
        var k = new double[2 * WindowRadius + 1];
        double sum = 0;
        for (int i = 0; i < k.Length; i++)
        {
            double d = i - WindowRadius;
            k[i] = Math.Exp(-d * d / (2 * WindowSigma * WindowSigma));
            sum += k[i];
        }
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }

    private static void CheckSizes(RgbImage actual, RgbImage reference, PixelRegion region)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(reference);
        if (actual.Width != reference.Width || actual.Height != reference.Height)
        {
            throw new ArgumentException($"images differ in size: {actual.Width}×{actual.Height} and {reference.Width}×{reference.Height}");
        }
        if (region.X < 0 || region.Y < 0 || region.Width < 1 || region.Height < 1 || region.Right > actual.Width || region.Bottom > actual.Height)
        {
            throw new ArgumentException($"region {region} is not inside the {actual.Width}×{actual.Height} image");
        }
    }
}

/// <summary>A rectangle of pixels: [X, X + Width) × [Y, Y + Height).</summary>
public readonly record struct PixelRegion(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;

    public static PixelRegion Whole(RgbImage image) => new(0, 0, image.Width, image.Height);
}
