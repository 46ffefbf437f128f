using System.Numerics;
using OpenCvSharp;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>
/// The weighted similarity transform (rotation R, scale s, translation t) that best maps model points onto observed
/// ones, minimising Σ wᵢ‖s·R·cᵢ + t − mᵢ‖²: Horn's closed form (J. Opt. Soc. Am. A 4(4), 1987) — R is the unit quaternion
/// of the largest eigenvalue of the 4×4 matrix built from the weighted cross-covariance (OpenCV's <c>eigen</c>, Jacobi
/// rotations for a symmetric matrix), which is always a proper rotation (no reflection case, unlike an SVD-based
/// Kabsch); then s = Σw (m−m̄)·R(c−c̄) / Σw ‖c−c̄‖² (Umeyama's scale). The landmarks are 3-D, so no PnP is involved.
/// </summary>
internal static class SimilarityFit
{
    public readonly record struct Result(Quaternion Rotation, float Scale, Vector3 Translation, float RmsResidual);

    public static Result Fit(ReadOnlySpan<Vector3> model, ReadOnlySpan<Vector3> observed, ReadOnlySpan<float> weights)
    {
        var total = 0.0;
        Vector3 modelMean = default, observedMean = default;
        for (var i = 0; i < model.Length; i++)
        {
            total += weights[i];
            modelMean += weights[i] * model[i];
            observedMean += weights[i] * observed[i];
        }
        modelMean /= (float)total;
        observedMean /= (float)total;

        // Weighted cross-covariance S[a, b] = Σ w (c − c̄)_a (m − m̄)_b and the model's spread.
        var s = new double[9];
        var spread = 0.0;
        for (var i = 0; i < model.Length; i++)
        {
            var (c, m) = (model[i] - modelMean, observed[i] - observedMean);
            ReadOnlySpan<float> cv = [c.X, c.Y, c.Z];
            ReadOnlySpan<float> mv = [m.X, m.Y, m.Z];
            for (var a = 0; a < 3; a++)
            {
                for (var b = 0; b < 3; b++)
                {
                    s[a * 3 + b] += weights[i] * cv[a] * mv[b];
                }
            }
            spread += weights[i] * c.LengthSquared();
        }

        var (sxx, sxy, sxz, syx, syy, syz, szx, szy, szz) = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
        double[] n =
        [
            sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
            syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
            szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
            sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz,
        ];
        var rotation = LargestEigenQuaternion(n);

        var dot = 0.0;
        for (var i = 0; i < model.Length; i++)
        {
            dot += weights[i] * Vector3.Dot(observed[i] - observedMean, Vector3.Transform(model[i] - modelMean, rotation));
        }
        var scale = (float)(dot / spread);
        var translation = observedMean - scale * Vector3.Transform(modelMean, rotation);

        var residual = 0.0;
        for (var i = 0; i < model.Length; i++)
        {
            residual += weights[i] * (scale * Vector3.Transform(model[i], rotation) + translation - observed[i]).LengthSquared();
        }
        return new Result(rotation, scale, translation, (float)Math.Sqrt(residual / total));
    }

    /// <summary>The unit quaternion (w, x, y, z) = the eigenvector of Horn's symmetric 4×4 <paramref name="n"/> with the largest eigenvalue.</summary>
    private static Quaternion LargestEigenQuaternion(double[] n)
    {
        using var matrix = Mat.FromPixelData(4, 4, MatType.CV_64FC1, n);
        using var values = new Mat();
        using var vectors = new Mat();
        Cv2.Eigen(matrix, values, vectors); // eigenvalues in descending order, eigenvectors as rows
        return Quaternion.Normalize(new Quaternion((float)vectors.At<double>(0, 1), (float)vectors.At<double>(0, 2),
            (float)vectors.At<double>(0, 3), (float)vectors.At<double>(0, 0)));
    }
}
