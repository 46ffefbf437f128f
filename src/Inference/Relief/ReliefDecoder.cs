using PortraitStream.Inference.Triplanes;

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
    private const float LinearOffset = 20f;
    private const float DensityThreshold = 10f;

    public static DecoderWeights Create(ReliefOptions options, RenderingConfig rendering)
    {
        const int c = ReliefChannels.Count;
        var planes = 3f;   // the renderer averages the three planes; FC1 undoes the 1/3
        var w1 = new float[Hidden * c];
        var b1 = new float[Hidden];
        var w2 = new float[Outputs * Hidden];
        var b2 = new float[Outputs];
        for (var colour = 0; colour < 3; colour++)
        {
            w1[colour * c + colour] = planes;
            b1[colour] = LinearOffset;
            w2[(1 + colour) * Hidden + colour] = 1f;  // output 1 + i is RGB feature i
            b2[1 + colour] = -LinearOffset;
        }
        const int densityUnit = 3;
        w1[densityUnit * c + ReliefChannels.Depth] = -planes * options.Sharpness;
        w2[0 * Hidden + densityUnit] = 1f;            // output 0 is density
        b2[0] = -DensityThreshold - rendering.DensityBias;
        return new DecoderWeights(c, Hidden, Outputs, w1, b1, w2, b2);
    }
}
