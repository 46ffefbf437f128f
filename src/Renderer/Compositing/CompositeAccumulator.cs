using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer.Compositing;

/// <summary>
/// <see cref="VolumeCompositor"/>'s running sums, so a ray's intervals can be composited a range at a time, front to
/// back, and a sampler can stop once the ray is opaque (<see cref="Transmittance"/>). Each range's σ and α go through
/// <see cref="VectorActivations"/> in lanes; those are position-independent, so compositing a ray in ranges gives the
/// same floats as compositing it at once.
/// </summary>
internal struct CompositeAccumulator
{
    private float _r, _g, _b, _depth, _total;

    public CompositeAccumulator() => Transmittance = 1f;

    /// <summary>Π (1 − α + ε) over the intervals added so far.</summary>
    public float Transmittance { get; private set; }

    /// <summary>
    /// Adds intervals [<paramref name="first"/>, <paramref name="end"/>) — interval k runs from sample k to k + 1 — and
    /// writes their weights into <paramref name="weights"/>[k] (which holds σ, then α, on the way).
    /// </summary>
    public void Add(ReadOnlySpan<RaySample> samples, int first, int end, float densityBias, Span<float> weights)
    {
        if (end <= first)
        {
            return;
        }
        var alphas = weights[first..end];
        for (int k = first; k < end; k++)
        {
            weights[k] = 0.5f * (samples[k].Radiance.RawDensity + samples[k + 1].Radiance.RawDensity) + densityBias;
        }
        VectorActivations.Softplus(alphas);
        for (int k = first; k < end; k++)
        {
            weights[k] = -weights[k] * (samples[k + 1].Depth - samples[k].Depth);
        }
        VectorActivations.OneMinusExp(alphas);
        float transmittance = Transmittance;
        for (int k = first; k < end; k++)
        {
            var near = samples[k];
            var far = samples[k + 1];
            float alpha = weights[k];
            float weight = alpha * transmittance;
            transmittance *= 1f - alpha + VolumeCompositor.TransmittanceEpsilon;
            weights[k] = weight;
            _r += weight * 0.5f * (near.Radiance.R + far.Radiance.R);
            _g += weight * 0.5f * (near.Radiance.G + far.Radiance.G);
            _b += weight * 0.5f * (near.Radiance.B + far.Radiance.B);
            _depth += weight * 0.5f * (near.Depth + far.Depth);
            _total += weight;
        }
        Transmittance = transmittance;
    }

    /// <summary>The composite so far; depth clamped to [<paramref name="firstDepth"/>, <paramref name="lastDepth"/>], the ray's sample range.</summary>
    public readonly CompositedRay Result(float firstDepth, float lastDepth)
    {
        if (!(_total > 0f))
        {
            return CompositedRay.Background;
        }
        float meanDepth = Math.Clamp(_depth / _total, firstDepth, lastDepth);
        return new CompositedRay(_r, _g, _b, meanDepth, _total);
    }
}
