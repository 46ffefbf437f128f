namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// Compiled pipelines of one kernel kept by specialisation, so that frames alternating between a few — a live
/// session's camera frames and its viewer pose frames, whose coarser geometry grid (<see cref="LiveSampling.ForPoseFrame"/>)
/// is a specialisation constant — do not compile the kernel again every frame. At most <paramref name="capacity"/>;
/// one more releases them all first (settings changed for good, not alternating). Used between frames only (no
/// pipeline is released while a submission that binds it is pending).
/// </summary>
internal sealed class ComputePipelineCache<TKey>(int capacity) : IDisposable where TKey : notnull
{
    private readonly Dictionary<TKey, ComputePipeline> _pipelines = [];

    /// <summary>The pipeline for <paramref name="key"/>, made by <paramref name="create"/> the first time.</summary>
    public ComputePipeline Get(TKey key, Func<TKey, ComputePipeline> create)
    {
        if (_pipelines.TryGetValue(key, out var pipeline))
        {
            return pipeline;
        }
        if (_pipelines.Count >= capacity)
        {
            Clear();
        }
        pipeline = create(key);
        _pipelines.Add(key, pipeline);
        return pipeline;
    }

    public void Clear()
    {
        foreach (var pipeline in _pipelines.Values)
        {
            pipeline.Dispose();
        }
        _pipelines.Clear();
    }

    public void Dispose() => Clear();
}
