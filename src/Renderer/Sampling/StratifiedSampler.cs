namespace PortraitStream.Renderer.Sampling;

/// <summary>
/// Stratified depths after EG3D's <c>sample_stratified</c> (linear, not disparity space): N evenly spaced depths, each
/// pushed forward by a uniform jitter. EG3D spaces them as linspace(start, end, N), i.e. Δ = (end − start) / (N − 1),
/// so its last sample can land up to Δ past <c>end</c>; here Δ = (end − start) / N, one sample per stratum of the
/// segment, so no sample leaves the triplanes' box (past it, zero padding would feed the decoder zero features).
/// Depths in world units along the ray, non-decreasing; N ≥ 1.
/// </summary>
public static class StratifiedSampler
{
    public static void Fill(RaySegment segment, Span<float> depths, uint seed, uint pixel)
    {
        int count = depths.Length;
        float step = (segment.End - segment.Start) / count;
        uint key = HashRng.PixelKey(seed, pixel);
        for (int k = 0; k < count; k++)
        {
            float jitter = HashRng.Uniform(key, HashRng.Sequence.CoarseJitter, (uint)k);
            depths[k] = segment.Start + (k + jitter) * step;
        }
    }
}
