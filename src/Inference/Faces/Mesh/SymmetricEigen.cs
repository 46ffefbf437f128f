namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (Golub &amp; Van Loan, §8.5): each sweep
/// zeroes every off-diagonal entry in turn; for the 4×4 matrices of Horn's method it converges in a handful of sweeps.
/// </summary>
internal static class SymmetricEigen
{
    private const int MaxSweeps = 50;

    /// <summary>The eigenvector of the largest eigenvalue of the symmetric <paramref name="n"/>×<paramref name="n"/> matrix <paramref name="a"/> (row-major; overwritten).</summary>
    public static double[] LargestEigenvector(double[] a, int n)
    {
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
        }
        for (var sweep = 0; sweep < MaxSweeps && OffDiagonal(a, n) > 1e-22 * Diagonal(a, n); sweep++)
        {
            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    Rotate(a, v, n, p, q);
                }
            }
        }
        var best = 0;
        for (var i = 1; i < n; i++)
        {
            best = a[i * n + i] > a[best * n + best] ? i : best;
        }
        return [.. Enumerable.Range(0, n).Select(r => v[r * n + best])];
    }

    /// <summary>One Jacobi rotation in the (p, q) plane that zeroes a[p, q]; its columns accumulate in v.</summary>
    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        var apq = a[p * n + q];
        if (Math.Abs(apq) < 1e-300)
        {
            return;
        }
        var theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var (akp, akq) = (a[k * n + p], a[k * n + q]);
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
        }
        for (var k = 0; k < n; k++)
        {
            var (apk, aqk) = (a[p * n + k], a[q * n + k]);
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
        }
        for (var k = 0; k < n; k++)
        {
            var (vkp, vkq) = (v[k * n + p], v[k * n + q]);
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    private static double OffDiagonal(double[] a, int n)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                sum += i == j ? 0 : a[i * n + j] * a[i * n + j];
            }
        }
        return sum;
    }

    private static double Diagonal(double[] a, int n) => Enumerable.Range(0, n).Sum(i => a[i * n + i] * a[i * n + i]) + 1e-300;
}
