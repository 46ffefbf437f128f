using PortraitStream.Renderer;

namespace PortraitStream.Tests.Support;

/// <summary>How two renderers' outputs are compared: PSNR over RGBA bytes, relative depth error where both hit.</summary>
internal static class ImageCompare
{
    /// <summary>PSNR in dB over all RGBA bytes (peak 255); +∞ for identical images.</summary>
    public static double Psnr(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / (sum / a.Length));
    }

    /// <summary>
    /// Largest |d_a − d_b| / d_b over pixels whose reference alpha is at least <paramref name="minAlpha"/>, and the
    /// number of such pixels; fainter pixels' depth is a weighted mean of a few faint samples, not a surface.
    /// </summary>
    public static (double MaxRelativeError, int Pixels) DepthError(RenderTarget actual, RenderTarget reference, byte minAlpha)
    {
        double worst = 0;
        int pixels = 0;
        for (int i = 0; i < reference.Depth!.Length; i++)
        {
            if (reference.Rgba[4 * i + 3] < minAlpha)
            {
                continue;
            }
            pixels++;
            worst = Math.Max(worst, Math.Abs(actual.Depth![i] - reference.Depth[i]) / reference.Depth[i]);
        }
        return (worst, pixels);
    }
}
