namespace PortraitStream.Renderer.Sampling;

/// <summary>
/// EG3D's <c>sample_stratified</c> (linear, not disparity space): N depths on linspace(start, end, N), each pushed
/// forward by a uniform jitter in [0, Δ) with Δ = (end − start) / (N − 1). As in EG3D the last sample may land up to
/// one Δ past <c>end</c>; the output is non-decreasing. Depths in world units along the ray; N ≥ 2.
/// </summary>
public static class StratifiedSampler
{
    public static void Fill(RaySegment segment, Span<float> depths, uint seed, uint pixel)
    {
        int count = depths.Length;
        float step = (segment.End - segment.Start) / (count - 1);
        for (int k = 0; k < count; k++)
        {
            float jitter = HashRng.Uniform(seed, pixel, HashRng.Sequence.CoarseJitter, (uint)k);
            depths[k] = segment.Start + (k + jitter) * step;
        }
    }
}
