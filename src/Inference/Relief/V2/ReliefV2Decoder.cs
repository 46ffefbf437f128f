using PortraitStream.Renderer.Scene;

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
    public const int Outputs = ReliefDecoder.Outputs;

    public static DecoderWeights Create(ReliefOptions options, RenderingConfig rendering)
    {
        const int c = ReliefV2Channels.Count;
        var k = ReliefDecoder.Planes * options.Sharpness;
        var (w1, b1, w2, b2) = ReliefDecoder.ColourPassThrough(c, Hidden);
        const int behind = 3, inFront = 4, thickness = 5;
        w1[behind * c + ReliefV2Channels.Offset] = k;
        w1[inFront * c + ReliefV2Channels.Offset] = -k;
        w1[thickness * c + ReliefV2Channels.HalfThickness] = k;
        b1[thickness] = ReliefDecoder.LinearOffset;
        w2[0 * Hidden + behind] = -1f;                 // output 0 is density
        w2[0 * Hidden + inFront] = -1f;
        w2[0 * Hidden + thickness] = 1f;
        b2[0] = -ReliefDecoder.LinearOffset - ReliefDecoder.DensityThreshold - rendering.DensityBias;
        return new DecoderWeights(c, Hidden, Outputs, w1, b1, w2, b2);
    }
}
