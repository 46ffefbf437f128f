using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// One worker's buffers for <see cref="SurfaceMarcher"/> and the output pass: the samples a march keeps, each with the interval weight
/// ending at it (0 where a run of occupied cells starts) and the opacity and transmittance accumulated up to it.
/// Sized once for the settings, reused for every ray.
/// </summary>
internal sealed class MarchScratch
{
    /// <summary>Field queries per batch along a run: enough for SIMD decoding, few enough that a stop wastes little.</summary>
    public const int Batch = 4;

    public MarchScratch(LiveSampling settings, int channels, int hidden)
    {
        Settings = settings;
        Capacity = CapacityFor(settings);
        Samples = new RaySample[Capacity];
        Weights = new float[Capacity];
        Opacity = new float[Capacity];
        Transmittance = new float[Capacity];
        Query = new QueryScratch(Batch, channels, hidden);
        Deferred = new DeferredShading(channels, hidden);
    }

    /// <summary>
    /// Samples a march may keep: a ray crosses at most √3 box sides of march steps, plus one extra sample where each
    /// run of cells starts, and a line crosses at most 3n cells of an n³ grid. The Vulkan kernel keeps the same bound.
    /// </summary>
    public static int CapacityFor(LiveSampling settings) =>
        (int)MathF.Ceiling(1.75f * settings.MarchResolution) + 3 * settings.GridResolution + Batch;

    public LiveSampling Settings { get; }
    public int Capacity { get; }
    public RaySample[] Samples { get; }
    public float[] Weights { get; }
    public float[] Opacity { get; }
    public float[] Transmittance { get; }
    public float[] Depths { get; } = new float[Batch];

    /// <summary>A batch's samples, before the march keeps those its <see cref="RunWalk"/> asks for.</summary>
    public RaySample[] Queried { get; } = new RaySample[Batch];

    /// <summary>
    /// The band (up to three coarse intervals, each split into BandSubdivisions): the extra depths and their samples,
    /// then every sub-interval's far sample and weight.
    /// </summary>
    public float[] BandDepths { get; } = new float[3 * LiveSampling.MaxBandSubdivisions];
    public RaySample[] BandSamples { get; } = new RaySample[3 * LiveSampling.MaxBandSubdivisions];
    public RaySample[] BandEnds { get; } = new RaySample[3 * LiveSampling.MaxBandSubdivisions];
    public float[] BandWeights { get; } = new float[3 * LiveSampling.MaxBandSubdivisions];
    public QueryScratch Query { get; }

    /// <summary>The output pass's queue of pixels to shade at interpolated depths.</summary>
    public DeferredShading Deferred { get; }

    public bool Fits(LiveSampling settings, int channels, int hidden) =>
        Settings == settings && Query.Channels == channels && Query.Hidden == hidden;
}
