using System.Numerics;

namespace PortraitStream.Inference.Faces;

/// <summary>The least-squares similarity transform between two sets of image points: Umeyama in 2-D, written with complex products.</summary>
internal static class PlaneSimilarity
{
    /// <summary>s, R(θ) as (cos θ, sin θ), t with <paramref name="to"/> ≈ s·R(θ)·<paramref name="from"/> + t.</summary>
    public static (float Scale, Vector2 Rotation, Vector2 Translation) Fit(ReadOnlySpan<Vector2> from, ReadOnlySpan<Vector2> to)
    {
        var (meanFrom, meanTo) = (Vector2.Zero, Vector2.Zero);
        for (var i = 0; i < from.Length; i++)
        {
            meanFrom += from[i] / from.Length;
            meanTo += to[i] / from.Length;
        }
        float re = 0, im = 0, norm = 0;
        for (var i = 0; i < from.Length; i++)
        {
            var (a, b) = (from[i] - meanFrom, to[i] - meanTo);
            re += a.X * b.X + a.Y * b.Y;
            im += a.X * b.Y - a.Y * b.X;
            norm += a.LengthSquared();
        }
        var length = MathF.Sqrt(re * re + im * im);
        var rotation = length > 0 ? new Vector2(re / length, im / length) : Vector2.UnitX;
        var scale = norm > 0 ? length / norm : 1f;
        return (scale, rotation, meanTo - Rotate(meanFrom, rotation) * scale);
    }

    public static Vector2 Rotate(Vector2 v, Vector2 rotation) => new(rotation.X * v.X - rotation.Y * v.Y, rotation.Y * v.X + rotation.X * v.Y);
}
