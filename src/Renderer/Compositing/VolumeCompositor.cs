using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer.Compositing;

/// <summary>
/// EG3D's <c>MipRayMarcher2</c> over N depth-sorted samples, giving N − 1 intervals. Per interval k:
/// δ = t[k+1] − t[k]; the midpoint's colour and raw σ are the two ends' means; σ = softplus(raw σ + densityBias);
/// α = 1 − exp(−σ·δ); wₖ = αₖ · Πⱼ₍ⱼ₌₀…ₖ₋₁₎ (1 − αⱼ + <see cref="TransmittanceEpsilon"/>).
/// Colour = Σ w·c, opacity = Σ w, depth = Σ w·t_mid / Σ w clamped to [t[0], t[N−1]] (EG3D clamps to the batch's
/// range; per ray is the intent).
/// </summary>
public static class VolumeCompositor
{
    /// <summary>
    /// EG3D's 1e-10 in the transmittance product (its <c>alpha_shifted</c>): it only matters once a sample is fully
    /// opaque, where it keeps later weights ≥ 0 instead of exactly 0.
    /// </summary>
    public const float TransmittanceEpsilon = 1e-10f;

    /// <param name="samples">Depth-sorted samples, N ≥ 2.</param>
    /// <param name="densityBias">EG3D's −1 in softplus(σ − 1).</param>
    /// <param name="weights">Receives the N − 1 interval weights (the importance sampler reads them); on the way it holds
    /// each interval's σ, then α, so the activations run over the whole ray at once (<see cref="VectorActivations"/>).</param>
    public static CompositedRay Composite(ReadOnlySpan<RaySample> samples, float densityBias, Span<float> weights)
    {
        var accumulator = new CompositeAccumulator();
        accumulator.Add(samples, 0, samples.Length - 1, densityBias, weights);
        return accumulator.Result(samples[0].Depth, samples[^1].Depth);
    }
}
