using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Compositing;
using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Sampling;

namespace PortraitStream.Renderer;

/// <summary>
/// One ray through EG3D's two-pass pipeline (<c>ImportanceRenderer.forward</c>): stratified coarse depths → field
/// query + decode → coarse composite (for its weights) → importance depths → query + decode → merge both sorted sets →
/// final composite. Pure per ray: the result depends on (seed, pixel) only, never on which thread runs it.
/// </summary>
internal sealed class RayIntegrator(FieldQuery field, SampleCounts counts, float densityBias, uint seed) : IRayIntegrator
{
    public CompositedRay Integrate(in Ray ray, RaySegment segment, uint pixel, RayScratch scratch)
    {
        StratifiedSampler.Fill(segment, scratch.CoarseDepths, seed, pixel);
        field.Evaluate(ray, scratch.CoarseDepths, scratch.Coarse, scratch.Query);
        var coarseWeights = scratch.Weights.AsSpan(0, counts.Coarse - 1);
        var coarse = VolumeCompositor.Composite(scratch.Coarse, densityBias, coarseWeights);
        if (counts.Importance == 0)
        {
            return coarse;
        }
        ImportanceSampler.Sample(scratch.CoarseDepths, coarseWeights, scratch.Cdf, scratch.ImportanceDepths, seed, pixel);
        field.Evaluate(ray, scratch.ImportanceDepths, scratch.Importance, scratch.Query);
        MergeSorted(scratch.Coarse, scratch.Importance, scratch.Merged);
        return VolumeCompositor.Composite(scratch.Merged, densityBias, scratch.Weights);
    }

    /// <summary>
    /// EG3D's <c>unify_samples</c> concatenates and sorts by depth; both inputs are already sorted, so a linear merge
    /// gives the same order (ties: coarse first).
    /// </summary>
    private static void MergeSorted(ReadOnlySpan<RaySample> a, ReadOnlySpan<RaySample> b, Span<RaySample> merged)
    {
        int i = 0, j = 0;
        for (int k = 0; k < merged.Length; k++)
        {
            bool takeA = j >= b.Length || (i < a.Length && a[i].Depth <= b[j].Depth);
            merged[k] = takeA ? a[i++] : b[j++];
        }
    }
}
