using System.Numerics;

namespace PortraitStream.Renderer.Tests.Scenes;

/// <summary>How far a render's depth lies from the best plane through it: camera-space points (depth along each
/// pixel's unit ray), z = a·x + b·y + c by least squares, the RMS of the z residuals.</summary>
internal static class PlaneFit
{
    /// <summary>Over the opaque pixels of the square [<paramref name="from"/>, <paramref name="to"/>)² of a mono render.</summary>
    public static double RootMeanSquareResidual(RenderTarget target, double focalPixels, int from, int to)
    {
        var points = new List<Vector3>();
        for (int y = from; y < to; y++)
        {
            for (int x = from; x < to; x++)
            {
                if (RenderHarness.Alpha(target, x, y) < 255) continue;
                var ray = Vector3.Normalize(new Vector3((float)((x + 0.5 - 0.5 * target.Width) / focalPixels), (float)((y + 0.5 - 0.5 * target.Height) / focalPixels), 1f));
                points.Add(target.Depth![y * target.Width + x] * ray);
            }
        }
        Assert.True(points.Count > (to - from) * (to - from) / 2, $"only {points.Count} opaque pixels to fit");

        // Normal equations of z = a·x + b·y + c, solved by Cramer's rule (3 × 3).
        double sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0, sxz = 0, syz = 0, sz = 0;
        foreach (var p in points)
        {
            (sxx, sxy, sx, syy, sy) = (sxx + p.X * p.X, sxy + p.X * p.Y, sx + p.X, syy + p.Y * p.Y, sy + p.Y);
            (sxz, syz, sz) = (sxz + p.X * p.Z, syz + p.Y * p.Z, sz + p.Z);
        }
        double n = points.Count;
        double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
            a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        double det = Det(sxx, sxy, sx, sxy, syy, sy, sx, sy, n);
        double ka = Det(sxz, sxy, sx, syz, syy, sy, sz, sy, n) / det;
        double kb = Det(sxx, sxz, sx, sxy, syz, sy, sx, sz, n) / det;
        double kc = Det(sxx, sxy, sxz, sxy, syy, syz, sx, sy, sz) / det;
        return Math.Sqrt(points.Average(p => Math.Pow(p.Z - (ka * p.X + kb * p.Y + kc), 2)));
    }
}
