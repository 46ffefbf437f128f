namespace PortraitStream.Perf;

/// <summary>PSNR in dB over two pictures' bytes (peak 255), as the harnesses that compare two renders report it; +∞ for identical bytes.</summary>
internal static class BytePsnr
{
    public static double Of(byte[] a, byte[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / (sum / a.Length));
    }
}
