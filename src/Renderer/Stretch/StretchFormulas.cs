using System.Numerics;

namespace PortraitStream.Renderer.Stretch;

/// <summary>
/// How far a turned view stretched the photo a single-image model painted its XY plane from, per output pixel, and how
/// much to smooth there (<see cref="StretchSmoothing"/>). The map from output pixels to XY texels has the Jacobian
/// J = [∂(x, y)/∂u, ∂(x, y)/∂v] (world x, y per pixel over the pixel's footprint: 1 where a pixel covers what it
/// covered in the photo). Its smaller singular value s₂ is how little of the plane one pixel crosses along its most
/// stretched direction; 1 / s₂, the stretch, is how many pixels one texel now covers there. Where the photo saw a
/// surface edge-on (the side of a neck, hair, a shoulder) and the turned view sees it square, that is many: the handful
/// of texels at the photo's silhouette become a band of streaks, one per texel row. Across them, along the singular
/// vector of the larger value, the pass blurs. Shaders/stretch.comp spells the same formulas with the same constants.
/// </summary>
internal static class StretchFormulas
{
    /// <summary>Pixels either side of a pixel its derivatives are taken over: one pixel's depth steps are noisy.</summary>
    public const int Stencil = 2;

    /// <summary>A neighbour further away than this many texels per stencil pixel lies across an occlusion edge.</summary>
    public const float JumpTexels = 6f;

    /// <summary>Stretch from which a pixel is smoothed: ±30° turns foreshorten a face-on surface by 1.15, never 2.</summary>
    public const float Threshold = 2f;

    /// <summary>Blur half-length per unit of stretch beyond <see cref="Threshold"/>, in texels.</summary>
    public const float TexelsPerStretch = 1.2f;

    /// <summary>Longest blur half-length, in texels: the band of a neck's side at 35° is ~10 texels wide.</summary>
    public const float MaxTexels = 7f;

    /// <summary>
    /// Stretch a neighbour needs to be blurred with: the band's own texels, not the face or suit above and below it,
    /// which a turned view sees about as the photo did.
    /// </summary>
    public const float NeighbourStretch = 1.2f;

    /// <summary>Below this half-length (pixels) a blur would not reach a neighbour.</summary>
    public const float MinLength = 0.25f;

    /// <summary>
    /// The blur at one pixel from its world-XY derivatives along image x (<paramref name="du"/>) and y
    /// (<paramref name="dv"/>), world units per pixel, its <paramref name="footprint"/> (world units per pixel at its
    /// depth) and the plane's <paramref name="texel"/> (world units): the unit image direction to blur along, the blur's
    /// half-length in pixels (0: none) and the stretch.
    /// </summary>
    public static (Vector2 Axis, float Length, float Stretch) Estimate(Vector2 du, Vector2 dv, float footprint, float texel)
    {
        var (a, b) = (du / footprint, dv / footprint);
        // JᵀJ = [[a·a, a·b], [a·b, b·b]]: its eigenvalues are the squared singular values.
        float p11 = Vector2.Dot(a, a), p12 = Vector2.Dot(a, b), p22 = Vector2.Dot(b, b);
        float mean = 0.5f * (p11 + p22), half = 0.5f * (p11 - p22);
        float root = MathF.Sqrt(half * half + p12 * p12);
        float large = mean + root, small = MathF.Max(mean - root, 0f);
        float stretch = 1f / MathF.Max(MathF.Sqrt(small), 1e-3f);
        if (!(stretch > Threshold))
        {
            return (Vector2.Zero, 0f, stretch);
        }
        var axis = MathF.Abs(p12) > 1e-12f ? new Vector2(p12, large - p11) : (p11 >= p22 ? Vector2.UnitX : Vector2.UnitY);
        float length = MathF.Min(MaxTexels, TexelsPerStretch * (stretch - Threshold)) * texel / footprint;
        return (Vector2.Normalize(axis), length, stretch);
    }

    /// <summary>Weight of the tap <paramref name="k"/> pixels along the axis of a blur of half-length <paramref name="length"/>: a Gaussian of σ = length / 2.</summary>
    public static float Tap(int k, float length) => MathF.Exp(-2f * k * k / (length * length));
}
