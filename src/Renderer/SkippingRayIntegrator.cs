using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Compositing;
using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Sampling;

namespace PortraitStream.Renderer;

/// <summary>
/// <see cref="RayIntegrator"/>'s two passes with the same depths — the stratified jitter, the importance draws and the
/// merge are untouched — but with field queries left out where they cannot change the picture:
/// <list type="bullet">
/// <item><b>Empty space</b>: an interval's σ is the mean of its ends' raw σ, so one skipped sample would corrupt both
/// its intervals if a neighbour were dense. A sample is skipped only when it and both its neighbours (in this pass's
/// depth order) lie in cells the frame's <see cref="DensityBoundGrid"/> proves empty; the skipped sample gets
/// <see cref="SkippedRawDensity"/>, so both its intervals get α = 0 exactly — their true α is the optical depth of
/// empty space, below the grid's bound. A skipped coarse sample is queried after all in the fine pass if its
/// new neighbours there are not empty.</item>
/// <item><b>Empty rays</b>: a ray whose whole segment crosses only empty cells (<see cref="DensityBoundGrid.IsClearAlong"/>)
/// is background at once: its samples would all be skipped anyway.</item>
/// <item><b>Early termination</b>: samples are queried front to back, <see cref="QueryBatch"/> at a time (the batched
/// field query needs a few to fill its lanes; half as many inside a surface), and once the transmittance is below <see cref="StopTransmittance"/>
/// nothing behind is queried: those intervals get weight 0 instead of at most 1e-4 of the ray's colour in all.</item>
/// </list>
/// A ray with nothing to skip or stop composites the same floats as <see cref="RayIntegrator"/>
/// (<see cref="CompositeAccumulator"/> is <see cref="VolumeCompositor"/> a range at a time). Elsewhere the coarse
/// weights behind a stop or in empty space become 0 instead of nearly 0, which moves the importance draws by a tiny
/// fraction of a bin (EG3D's weight floor dominates there), and a ray whose every sample is skipped is background with
/// depth +∞ (the plain sampler gives it the mean depth of a ~1e-9 total weight). Pure per ray, as <see cref="RayIntegrator"/>.
/// </summary>
internal sealed class SkippingRayIntegrator(FieldQuery field, DensityBoundGrid grid, SampleCounts counts, float densityBias, uint seed) : IRayIntegrator
{
    /// <summary>
    /// Most optical depth that the skipped space of one ray may hold, so at most 0.2 % of its opacity (half an 8-bit
    /// step): the grid proves a cell's density below the σ that gives this across the box's diagonal.
    /// EG3D's free space is a faint fog, which the reference keeps wherever it adds more.
    /// </summary>
    public const float SkippedOpticalDepth = 0.002f;

    /// <summary>
    /// Transmittance below which a ray stops querying: what lies behind can add at most 1e-4 to any channel, 0.03 of
    /// an 8-bit step.
    /// </summary>
    public const float StopTransmittance = 1e-4f;

    /// <summary>
    /// Samples queried per batch: enough to fill the field query's SIMD lanes, few enough that a stop wastes little.
    /// </summary>
    public const int QueryBatch = 8;

    /// <summary>Transmittance below which the ray is inside a surface and queries half batches.</summary>
    public const float SurfaceTransmittance = 0.5f;

    /// <summary>The raw σ of a skipped sample: softplus(−∞ + bias) · δ rounds α to exactly 0, and no NaN can arise.</summary>
    public const float SkippedRawDensity = float.NegativeInfinity;

    private static readonly RadianceSample Skipped = new(SkippedRawDensity, 0f, 0f, 0f);

    public CompositedRay Integrate(in Ray ray, RaySegment segment, uint pixel, RayScratch scratch)
    {
        if (grid.IsClearAlong(ray, segment))
        {
            // Every draw of both passes would be skipped: the same background, without drawing them.
            return CompositedRay.Background;
        }
        int coarseCount = counts.Coarse;
        var depths = scratch.CoarseDepths;
        StratifiedSampler.Fill(segment, depths, seed, pixel);
        var coarse = scratch.Coarse.AsSpan();
        var coarseEmpty = scratch.CoarseEmpty.AsSpan();
        var coarseQueried = scratch.CoarseQueried.AsSpan();
        for (int k = 0; k < coarseCount; k++)
        {
            coarse[k] = new RaySample(depths[k], Skipped);
            coarseEmpty[k] = IsEmpty(ray.At(depths[k]));
            coarseQueried[k] = false;
        }
        var coarseWeights = scratch.Weights.AsSpan(0, coarseCount - 1);
        var result = March(ray, coarse, coarseEmpty, coarseQueried, coarseWeights, scratch);
        if (counts.Importance == 0)
        {
            return result;
        }
        ImportanceSampler.Sample(depths, coarseWeights, scratch.Cdf, scratch.ImportanceDepths, seed, pixel);
        Merge(ray, scratch);
        return March(ray, scratch.Merged, scratch.MergedEmpty, scratch.MergedQueried, scratch.Weights, scratch);
    }

    /// <summary>
    /// Queries and composites <paramref name="samples"/> front to back: each round gathers the next
    /// <see cref="QueryBatch"/> samples that must be queried, marks the skippable ones before them, and composites
    /// every interval whose ends are then known; stops once the ray is opaque.
    /// </summary>
    private CompositedRay March(in Ray ray, Span<RaySample> samples, ReadOnlySpan<bool> empty, Span<bool> queried, Span<float> weights, RayScratch scratch)
    {
        int n = samples.Length;
        int batch = Math.Min(QueryBatch, scratch.Query.Batch);
        var pending = scratch.Pending.AsSpan(0, batch);
        var pendingDepths = scratch.PendingDepths.AsSpan(0, batch);
        var pendingSamples = scratch.PendingSamples.AsSpan(0, batch);
        var accumulator = new CompositeAccumulator();
        int known = 0;
        while (known < n)
        {
            int count = 0;
            int next = known;
            // Inside a surface (some light already absorbed) the stop is near: smaller batches overshoot it less.
            int limit = accumulator.Transmittance < SurfaceTransmittance ? batch / 2 : batch;
            for (; next < n && count < limit; next++)
            {
                if (queried[next])
                {
                    continue;
                }
                bool skippable = empty[next] && (next == 0 || empty[next - 1]) && (next == n - 1 || empty[next + 1]);
                if (skippable)
                {
                    samples[next] = new RaySample(samples[next].Depth, Skipped);
                    continue;
                }
                pending[count] = next;
                pendingDepths[count] = samples[next].Depth;
                count++;
            }
            if (count > 0)
            {
                field.Evaluate(ray, pendingDepths[..count], pendingSamples[..count], scratch.Query);
                for (int i = 0; i < count; i++)
                {
                    samples[pending[i]] = pendingSamples[i];
                    queried[pending[i]] = true;
                }
            }
            AddLive(ref accumulator, samples, Math.Max(known - 1, 0), next - 1, weights);
            known = next;
            if (known < n && accumulator.Transmittance < StopTransmittance)
            {
                // Not queried: the fine pass queries them after all if its own composite is not yet opaque there.
                for (int k = known; k < n; k++)
                {
                    if (!queried[k]) samples[k] = new RaySample(samples[k].Depth, Skipped);
                }
                weights[(known - 1)..(n - 1)].Clear();
                break;
            }
        }
        return accumulator.Result(samples[0].Depth, samples[n - 1].Depth);
    }

    /// <summary>
    /// Composites intervals [<paramref name="first"/>, <paramref name="end"/>), leaving out those that touch a skipped
    /// sample: their α is exactly 0 (see <see cref="SkippedRawDensity"/>) and they would change nothing, so only their
    /// weight is written.
    /// </summary>
    private void AddLive(ref CompositeAccumulator accumulator, ReadOnlySpan<RaySample> samples, int first, int end, Span<float> weights)
    {
        int k = first;
        while (k < end)
        {
            if (IsSkipped(samples[k]) || IsSkipped(samples[k + 1]))
            {
                weights[k++] = 0f;
                continue;
            }
            int runEnd = k + 1;
            while (runEnd < end && !IsSkipped(samples[runEnd + 1]))
            {
                runEnd++;
            }
            accumulator.Add(samples, k, runEnd, densityBias, weights);
            k = runEnd;
        }
    }

    private static bool IsSkipped(in RaySample sample) => float.IsNegativeInfinity(sample.Radiance.RawDensity);

    /// <summary>
    /// <see cref="RayIntegrator"/>'s merge (ties: coarse first), carrying each coarse sample's value, emptiness and
    /// whether it was queried; importance samples start unqueried.
    /// </summary>
    private void Merge(in Ray ray, RayScratch scratch)
    {
        var coarse = scratch.Coarse;
        var fine = scratch.ImportanceDepths;
        var merged = scratch.Merged;
        int i = 0, j = 0;
        for (int k = 0; k < merged.Length; k++)
        {
            bool takeCoarse = j >= fine.Length || (i < coarse.Length && coarse[i].Depth <= fine[j]);
            if (takeCoarse)
            {
                merged[k] = coarse[i];
                scratch.MergedEmpty[k] = scratch.CoarseEmpty[i];
                scratch.MergedQueried[k] = scratch.CoarseQueried[i];
                i++;
            }
            else
            {
                merged[k] = new RaySample(fine[j], Skipped);
                scratch.MergedEmpty[k] = IsEmpty(ray.At(fine[j]));
                scratch.MergedQueried[k] = false;
                j++;
            }
        }
    }
    private bool IsEmpty(Vector3 point) => grid.IsEmpty(point);
}
