using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer;

/// <summary>
/// One worker's buffers for integrating rays, sized once per render and reused for every ray, so the per-sample path
/// never allocates. Not shared between threads.
/// </summary>
internal sealed class RayScratch(SampleCounts counts, int channels, int hidden)
{
    public SampleCounts Counts { get; } = counts;
    public int Channels { get; } = channels;
    public int Hidden { get; } = hidden;

    public float[] CoarseDepths { get; } = new float[counts.Coarse];
    public RaySample[] Coarse { get; } = new RaySample[counts.Coarse];
    public float[] ImportanceDepths { get; } = new float[counts.Importance];
    public RaySample[] Importance { get; } = new RaySample[counts.Importance];
    public RaySample[] Merged { get; } = new RaySample[counts.Total];
    public float[] Weights { get; } = new float[Math.Max(counts.Total - 1, 1)];
    public float[] Cdf { get; } = new float[counts.Coarse];
    /// <summary>The skipping sampler's per-sample flags (<see cref="SkippingRayIntegrator"/>): in an empty grid cell, already queried.</summary>
    public bool[] CoarseEmpty { get; } = new bool[counts.Coarse];
    public bool[] CoarseQueried { get; } = new bool[counts.Coarse];
    public bool[] MergedEmpty { get; } = new bool[counts.Total];
    public bool[] MergedQueried { get; } = new bool[counts.Total];
    /// <summary>The skipping sampler's batch of samples to query: their indices, depths and answers.</summary>
    public int[] Pending { get; } = new int[SkippingRayIntegrator.QueryBatch];
    public float[] PendingDepths { get; } = new float[SkippingRayIntegrator.QueryBatch];
    public RaySample[] PendingSamples { get; } = new RaySample[SkippingRayIntegrator.QueryBatch];
    /// <summary>One pass's field queries (the longer of the two passes).</summary>
    public QueryScratch Query { get; } = new(Math.Max(counts.Coarse, counts.Importance), channels, hidden);

    public bool Fits(SampleCounts counts, int channels, int hidden) =>
        Counts == counts && Channels == channels && Hidden == hidden;
}
