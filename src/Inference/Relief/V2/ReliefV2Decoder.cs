using PortraitStream.Inference.Triplanes;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// Relief v2's decoder: 5 → 6 → 4, softplus hidden, reading the plane means of <see cref="ReliefV2Channels"/>
/// (logit colour / 3, s / 3 with s = z − c, h / 3). Colour units pass the stored logits through softplus's linear range
/// as relief v1's do (<see cref="ReliefDecoder"/>). Density: softplus(k·s) + softplus(−k·s) ≈ k·|s| and
/// softplus(k·h + L) = k·h + L (h ≥ 0; 0 for an empty column's h ≤ −0.001), so σ = k·(h − |s|) − threshold: positive only
/// inside the body |z − c| &lt; h, the solid starting within threshold / k of either surface.
/// </summary>
internal static class ReliefV2Decoder
{
    public const int Hidden = 6;
    public const int Outputs = 4;
    private const float LinearOffset = 20f;
    private const float DensityThreshold = 10f;

    public static DecoderWeights Create(ReliefOptions options, RenderingConfig rendering)
    {
        const int c = ReliefV2Channels.Count;
        var planes = 3f;   // the renderer averages the three planes; FC1 undoes the 1/3
        var k = options.Sharpness;
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
        const int behind = 3, inFront = 4, thickness = 5;
        w1[behind * c + ReliefV2Channels.Offset] = planes * k;
        w1[inFront * c + ReliefV2Channels.Offset] = -planes * k;
        w1[thickness * c + ReliefV2Channels.HalfThickness] = planes * k;
        b1[thickness] = LinearOffset;
        w2[0 * Hidden + behind] = -1f;                 // output 0 is density
        w2[0 * Hidden + inFront] = -1f;
        w2[0 * Hidden + thickness] = 1f;
        b2[0] = -LinearOffset - DensityThreshold - rendering.DensityBias;
        return new DecoderWeights(c, Hidden, Outputs, w1, b1, w2, b2);
    }
}
