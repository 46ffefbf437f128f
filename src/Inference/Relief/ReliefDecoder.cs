using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Relief;

/// <summary>
/// The relief bundle's decoder: 4 → 4 → 4, softplus hidden. Inputs are the plane means of <see cref="ReliefChannels"/>
/// (logit colour / 3, s / 3 with s = z − depth(x, y), positive in front of the surface).
/// Colour units run softplus in its near-linear range (softplus(t + 20) = t + 20 to 2·10⁻⁹ for |t| ≤ 7, the range
/// of the stored logits) and FC2 subtracts the offset, so the features are the stored logits.
/// The density unit is softplus(−k·s), a ramp that is 0 in front of the surface and k·|s| behind it; FC2 shifts it
/// down by <see cref="DensityThreshold"/> so that, after the renderer's softplus(σ − 1), free space has density
/// e⁻¹⁰ ≈ 0 and the solid starts within 10 / k of the surface.
/// </summary>
internal static class ReliefDecoder
{
    public const int Hidden = 4;
    public const int Outputs = 4;

    /// <summary>Shift that keeps softplus in its linear range for the stored colour logits (and v2's thickness unit).</summary>
    internal const float LinearOffset = 20f;

    /// <summary>How far below zero free space's σ sits before the renderer's softplus(σ − 1).</summary>
    internal const float DensityThreshold = 10f;

    /// <summary>The renderer averages the three planes; FC1 multiplies by this to undo the 1/3.</summary>
    internal const float Planes = 3f;

    public static DecoderWeights Create(ReliefOptions options, RenderingConfig rendering)
    {
        const int c = ReliefChannels.Count;
        var (w1, b1, w2, b2) = ColourPassThrough(c, Hidden);
        const int densityUnit = 3;
        w1[densityUnit * c + ReliefChannels.Depth] = -Planes * options.Sharpness;
        w2[0 * Hidden + densityUnit] = 1f;            // output 0 is density
        b2[0] = -DensityThreshold - rendering.DensityBias;
        return new DecoderWeights(c, Hidden, Outputs, w1, b1, w2, b2);
    }

    /// <summary>
    /// A relief decoder's layers (<paramref name="channels"/> → <paramref name="hidden"/> → <see cref="Outputs"/>) with
    /// hidden units 0–2 passing channels 0–2 (the colour logits) through to outputs 1–3; the density is the caller's.
    /// </summary>
    internal static (float[] W1, float[] B1, float[] W2, float[] B2) ColourPassThrough(int channels, int hidden)
    {
        var w1 = new float[hidden * channels];
        var b1 = new float[hidden];
        var w2 = new float[Outputs * hidden];
        var b2 = new float[Outputs];
        for (var colour = 0; colour < 3; colour++)
        {
            w1[colour * channels + colour] = Planes;
            b1[colour] = LinearOffset;
            w2[(1 + colour) * hidden + colour] = 1f;  // output 1 + i is RGB feature i
            b2[1 + colour] = -LinearOffset;
        }
        return (w1, b1, w2, b2);
    }
}
