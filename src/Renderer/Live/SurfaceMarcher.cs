using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Compositing;
using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// One ray of the live sampler. Inside each run of occupied grid cells it queries the field at the run's ends and the
/// ray's lattice t = k · box_warp / <see cref="LiveSampling.MarchResolution"/> (deterministic: no per-pixel jitter, so
/// no speckle) and composites them with the reference's formula (<see cref="VolumeCompositor"/>: midpoint raw σ,
/// softplus(σ + bias), α = 1 − e^(−σδ), w = α·T); it stops once the transmittance is below
/// <see cref="StopTransmittance"/>. Then the band — the interval holding the ray's median weight (the surface of an
/// opaque object, the middle of a soft one) and its weighted neighbours — is re-composited at a finer step, so a
/// surface's colour and depth come from the surface rather than from samples up to a step in front of or behind it.
/// The other intervals keep their march colours: where weight is spread (hair, soft edges) the march samples
/// themselves carry it.
/// The march queries the full decoder: in EG3D's OSG decoder density and colour share the hidden layer, so a
/// density-only query would save only three of four output rows.
/// </summary>
internal readonly struct SurfaceMarcher(FieldQuery field, OccupancyGrid grid, float boxWarp, float densityBias, LiveSampling settings)
{
    /// <summary>A ray stops once less than this fraction of light passes (≤ 0.26 of a colour step remains).</summary>
    public const float StopTransmittance = 1e-3f;

    /// <summary>The march step, world units.</summary>
    public float Step => boxWarp / settings.MarchResolution;

    /// <summary>A neighbour of the median interval joins the band when it holds at least this share of the ray's weight.</summary>
    public const float BandWeightShare = 0.01f;

    /// <summary>Opacity below which a ray counts as empty (half of the smallest alpha byte).</summary>
    public const float EmptyOpacity = 0.5f / 255f;

    /// <summary>
    /// Marches the ray over [<paramref name="segmentStart"/>, <paramref name="segmentEnd"/>]. A finite
    /// <paramref name="seed"/> (a depth known to lie in empty space just in front of the surface: the neighbours' or the
    /// previous frame's) starts the march there instead; if the field is not empty at the seed, the seed was wrong
    /// and the ray is marched again from the segment's start, in the same call.
    /// </summary>
    public MarchedRay March(in Ray ray, float segmentStart, float segmentEnd, MarchScratch scratch, bool leap, float seed = float.NaN)
    {
        float total;
        int count;
        if (seed > segmentStart && seed < segmentEnd)
        {
            count = MarchRuns(ray, seed, segmentEnd, scratch, leap, out total);
            if (count > 0 && !(scratch.Samples[0].Radiance.RawDensity < grid.EmptyRawDensity))
            {
                count = MarchRuns(ray, segmentStart, segmentEnd, scratch, leap, out total);
            }
        }
        else
        {
            count = MarchRuns(ray, segmentStart, segmentEnd, scratch, leap, out total);
        }
        if (!(total >= EmptyOpacity))
        {
            return MarchedRay.Empty;
        }
        int median = MedianInterval(scratch, count, 0.5f * total);
        // The band: the median interval and those of its two neighbours in the same run that carry weight (at least
        // BandWeightShare of the total; the one in front also where its far sample says so): a surface's weight sits
        // in one to three coarse intervals.
        float floor = BandWeightShare * total;
        int bandStart = median >= 2 && SurfaceBegins(scratch, median - 1, floor) ? median - 2 : median - 1;
        int bandEnd = median + 1 < count && scratch.Weights[median + 1] >= floor ? median + 1 : median;
        var band = Refine(ray, scratch, bandStart, bandEnd, median, 0.5f * total);
        float r = band.R, g = band.G, b = band.B;
        var samples = scratch.Samples;
        for (int i = 1; i < count; i++)
        {
            float w = scratch.Weights[i];
            if (w == 0f || (i > bandStart && i <= bandEnd)) continue;
            var near = samples[i - 1].Radiance;
            var far = samples[i].Radiance;
            r += w * 0.5f * (near.R + far.R);
            g += w * 0.5f * (near.G + far.G);
            b += w * 0.5f * (near.B + far.B);
        }
        float bandOpacity = scratch.Opacity[bandEnd] - scratch.Opacity[bandStart];
        return new MarchedRay(r, g, b, band.Median, total, bandOpacity >= 0.5f * total);
    }

    /// <summary>
    /// Whether coarse interval <paramref name="i"/> (samples i − 1 → i), in front of the median interval, carries at
    /// least <paramref name="floor"/> of the weight: by its composited weight, or by the density at its far sample
    /// where that is more. A solid's surface that begins late in an interval has raw density far below zero at the
    /// interval's near sample and above it at the far one, and the midpoint rule gives the interval almost nothing; a
    /// band starting behind it then leaves the first part of the skin out, and the median depth lands too deep by up
    /// to a quarter of a step, by how the surface falls between the fixed lattice's samples. On a surface tilted from
    /// the camera that error ran in contours, which the styles' depth-gradient normals drew as stripes across the
    /// cheek of a turned face.
    /// </summary>
    private bool SurfaceBegins(MarchScratch scratch, int i, float floor)
    {
        if (scratch.Weights[i] >= floor)
        {
            return true;
        }
        var far = scratch.Samples[i];
        return scratch.Transmittance[i - 1] * IntervalAlpha(far.Radiance.RawDensity, far.Depth - scratch.Samples[i - 1].Depth) >= floor;
    }

    /// <summary>
    /// Whether the field holds density in front of a seed taken from another frame (<see cref="TemporalSeeds"/>): a cell
    /// marked by the field itself (not by the dilation) that ends more than <see cref="CoreCellsBeforeSeed"/> cells before
    /// the seed. The seed's check at its own point cannot see a thin surface that appeared in front of the previous
    /// frame's (a card, a hand after a cut); the cells right before the seed are the surface it was made for.
    /// </summary>
    public bool HasMatterInFront(in Ray ray, float segmentStart, float seed) =>
        grid.CoreRuns(ray, segmentStart, seed - CoreCellsBeforeSeed * grid.CellSize).TryNext(out _, out _);

    /// <summary>
    /// Cells before a seed that may hold density of the surface it was made for: the seed sits
    /// <see cref="LiveFrameRenderer.SeedMargin"/> march steps in front of it, and a corner one cell further out may
    /// already pass the grid's threshold.
    /// </summary>
    public const float CoreCellsBeforeSeed = 2f;

    /// <summary>Marches every occupied run until the ray is opaque; returns the number of samples kept and their total weight.</summary>
    private int MarchRuns(in Ray ray, float segmentStart, float segmentEnd, MarchScratch scratch, bool leap, out float total)
    {
        float step = Step;
        float transmittance = 1f;
        total = 0f;
        int count = 0;
        var runs = grid.Runs(ray, segmentStart, segmentEnd);
        Span<int> ahead = stackalloc int[MarchScratch.Batch];
        while (transmittance > StopTransmittance && runs.TryNext(out float start, out float end))
        {
            // The run's ends, and between them the ray's fixed lattice t = k · step: where a march starts (run start,
            // seed) moves only its first sample, so seeded and unseeded marches share every later sample.
            int firstLattice = (int)MathF.Floor(start / step) + 1;
            int lattice = Math.Max(0, (int)MathF.Ceiling(end / step) - firstLattice);
            var walk = new RunWalk(lattice + 1, grid.EmptyRawDensity, leap);
            while (transmittance > StopTransmittance && walk.Next <= walk.Last)
            {
                // A batch of the points the walk is expected to ask for; it may leave some of them unused.
                int batch = walk.Ahead(ahead);
                var depths = scratch.Depths.AsSpan(0, batch);
                for (int j = 0; j < batch; j++)
                {
                    int n = ahead[j];
                    depths[j] = n == 0 ? start : n <= lattice ? (firstLattice + n - 1) * step : end;
                }
                var queried = scratch.Queried.AsSpan(0, batch);
                if (batch > 0)
                {
                    field.Evaluate(ray, depths, queried, scratch.Query);
                }
                for (int j = 0; transmittance > StopTransmittance && walk.Next <= walk.Last;)
                {
                    int point = walk.Next;
                    if (!walk.Held(out var sample))
                    {
                        while (j < batch && ahead[j] < point) j++;
                        if (j == batch || ahead[j] != point) break;
                        sample = queried[j++];
                    }
                    if (!walk.Offer(sample)) continue;
                    if (count == scratch.Capacity) return count;
                    float weight = 0f;
                    if (point > 0)
                    {
                        float alpha = IntervalAlpha(scratch.Samples[count - 1], sample);
                        weight = alpha * transmittance;
                        transmittance *= 1f - alpha + VolumeCompositor.TransmittanceEpsilon;
                        total += weight;
                    }
                    scratch.Samples[count] = sample;
                    scratch.Weights[count] = weight;
                    scratch.Opacity[count] = total;
                    scratch.Transmittance[count] = transmittance;
                    count++;
                }
            }
        }
        return count;
    }

    /// <summary>The first sample whose interval brings the accumulated opacity to <paramref name="target"/>.</summary>
    private static int MedianInterval(MarchScratch scratch, int count, float target)
    {
        for (int i = 0; i < count; i++)
        {
            if (scratch.Weights[i] > 0f && scratch.Opacity[i] >= target) return i;
        }
        return count - 1;
    }

    /// <summary>
    /// Re-composites the coarse intervals (bandStart, bandEnd] with <see cref="LiveSampling.BandSubdivisions"/> equal
    /// sub-intervals each: the midpoint rule misplaces a steep density step by up to a coarse step, the sub-intervals
    /// by a fraction of it, so the colour and the median depth come from the surface itself. The fine weights give
    /// the band's shape; its amount stays the coarse march's (scaled to it), so that the ray's opacity, and the
    /// transmittance the intervals behind the band see, are those the march stopped on: a solid stays fully opaque
    /// even where the two rules disagree on how quickly it became so.
    /// </summary>
    private BandComposite Refine(in Ray ray, MarchScratch scratch, int bandStart, int bandEnd, int median, float target)
    {
        int parts = settings.BandSubdivisions;
        int intervals = bandEnd - bandStart;
        int extra = intervals * (parts - 1);
        var depths = scratch.BandDepths.AsSpan(0, extra);
        for (int k = 0, n = 0; k < intervals; k++)
        {
            float t0 = scratch.Samples[bandStart + k].Depth;
            float t1 = scratch.Samples[bandStart + k + 1].Depth;
            for (int p = 1; p < parts; p++) depths[n++] = t0 + p * (t1 - t0) / parts;
        }
        var fine = scratch.BandSamples.AsSpan(0, extra);
        for (int first = 0; first < extra; first += MarchScratch.Batch)
        {
            int batch = Math.Min(MarchScratch.Batch, extra - first);
            field.Evaluate(ray, depths.Slice(first, batch), fine.Slice(first, batch), scratch.Query);
        }
        // The fine sub-intervals in depth order: each one's far sample and its weight from the coarse transmittance.
        var ends = scratch.BandEnds.AsSpan(0, intervals * parts);
        var weights = scratch.BandWeights.AsSpan(0, intervals * parts);
        for (int k = 0, n = 0, w = 0; k < intervals; k++)
        {
            for (int p = 1; p <= parts; p++, w++)
            {
                ends[w] = p < parts ? fine[n++] : scratch.Samples[bandStart + k + 1];
            }
        }
        float transmittance = scratch.Transmittance[bandStart];
        float opacity = 0f;
        var previous = scratch.Samples[bandStart];
        for (int w = 0; w < ends.Length; w++)
        {
            float alpha = IntervalAlpha(previous, ends[w]);
            weights[w] = alpha * transmittance;
            transmittance *= 1f - alpha + VolumeCompositor.TransmittanceEpsilon;
            opacity += weights[w];
            previous = ends[w];
        }
        float before = scratch.Opacity[bandStart];
        float amount = scratch.Opacity[bandEnd] - before;
        float scale = opacity > 0f ? amount / opacity : 0f;
        float r = 0f, g = 0f, b = 0f, reached = before;
        float medianDepth = float.NaN;
        previous = scratch.Samples[bandStart];
        for (int w = 0; w < ends.Length; w++)
        {
            var next = ends[w];
            float weight = scale * weights[w];
            if (float.IsNaN(medianDepth) && weight > 0f && reached + weight >= target)
            {
                medianDepth = previous.Depth + (target - reached) / weight * (next.Depth - previous.Depth);
            }
            reached += weight;
            r += weight * 0.5f * (previous.Radiance.R + next.Radiance.R);
            g += weight * 0.5f * (previous.Radiance.G + next.Radiance.G);
            b += weight * 0.5f * (previous.Radiance.B + next.Radiance.B);
            previous = next;
        }
        if (float.IsNaN(medianDepth))
        {
            medianDepth = CoarseMedian(scratch, median, target);
        }
        return new BandComposite(r, g, b, medianDepth);
    }

    /// <summary>The median depth by linear interpolation inside the coarse median interval (when the band missed it).</summary>
    private static float CoarseMedian(MarchScratch scratch, int median, float target)
    {
        float before = scratch.Opacity[median - 1];
        float w = scratch.Weights[median];
        float fraction = Math.Clamp((target - before) / w, 0f, 1f);
        float t0 = scratch.Samples[median - 1].Depth;
        return t0 + fraction * (scratch.Samples[median].Depth - t0);
    }

    private readonly record struct BandComposite(float R, float G, float B, float Median);

    /// <summary>The interval's opacity by the midpoint rule: the raw density halfway between its two samples.</summary>
    private float IntervalAlpha(in RaySample near, in RaySample far) =>
        IntervalAlpha(0.5f * (near.Radiance.RawDensity + far.Radiance.RawDensity), far.Depth - near.Depth);

    /// <summary>The opacity of <paramref name="length"/> of ray at raw density <paramref name="rawDensity"/>.</summary>
    private float IntervalAlpha(float rawDensity, float length) => 1f - MathF.Exp(-Softplus(rawDensity + densityBias) * length);

    private static float Softplus(float x) => MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));
}

/// <summary>
/// A marched ray: premultiplied colour, the median depth (the surface of an opaque object; +∞ when empty), the
/// opacity, and whether one interval holds at least half of the weight (<see cref="Sharp"/>: a surface, which the
/// output pass may shade at an interpolated depth; soft rays are marched at full resolution instead).
/// </summary>
internal readonly record struct MarchedRay(float R, float G, float B, float Depth, float Opacity, bool Sharp)
{
    public static MarchedRay Empty { get; } = new(0f, 0f, 0f, CompositedRay.BackgroundDepth, 0f, false);
}
