namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// A 2-D affine map p' = [A B; C D]·p + (Tx, Ty), in pixel coordinates where (0, 0) is the top-left corner of the
/// top-left pixel and pixel centres sit at half-integers. Used to relate a crop's pixels to its source image.
/// </summary>
public readonly record struct AffineTransform2D(float A, float B, float C, float D, float Tx, float Ty)
{
    public static AffineTransform2D Identity { get; } = new(1, 0, 0, 1, 0, 0);

    public (float X, float Y) Apply(float x, float y) => (A * x + B * y + Tx, C * x + D * y + Ty);

    /// <summary>Length by which this map scales distances (geometric mean of the axes' scales).</summary>
    public float Scale => MathF.Sqrt(MathF.Abs(A * D - B * C));

    public AffineTransform2D Inverse()
    {
        var det = A * D - B * C;
        if (MathF.Abs(det) < 1e-12f)
        {
            throw new InvalidOperationException("affine transform is singular");
        }
        var (ia, ib, ic, id) = (D / det, -B / det, -C / det, A / det);
        return new AffineTransform2D(ia, ib, ic, id, -(ia * Tx + ib * Ty), -(ic * Tx + id * Ty));
    }

    /// <summary>This map applied after <paramref name="first"/>: p ↦ this(first(p)).</summary>
    public AffineTransform2D After(AffineTransform2D first) => new(
        A * first.A + B * first.C, A * first.B + B * first.D,
        C * first.A + D * first.C, C * first.B + D * first.D,
        A * first.Tx + B * first.Ty + Tx, C * first.Tx + D * first.Ty + Ty);

    /// <summary>
    /// The map from a destination square of <paramref name="size"/> pixels to a source square centred on
    /// (<paramref name="centerX"/>, <paramref name="centerY"/>) with side <paramref name="side"/>, rotated by
    /// <paramref name="angleRadians"/> (positive = clockwise in image coordinates, y down).
    /// </summary>
    public static AffineTransform2D SquareCrop(float centerX, float centerY, float side, float angleRadians, int size)
    {
        var scale = side / size;
        var (sin, cos) = MathF.SinCos(angleRadians);
        var (a, b, c, d) = (cos * scale, -sin * scale, sin * scale, cos * scale);
        var half = size / 2f;
        return new AffineTransform2D(a, b, c, d, centerX - (a * half + b * half), centerY - (c * half + d * half));
    }
}
