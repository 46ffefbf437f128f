using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Scheduling;

/// <summary>
/// The best quality no better than the one asked for whose estimated render time fits a budget, with the same sampler.
/// Render time is taken as proportional to pixels × samples per ray (the reference sampler marches <c>Samples</c>
/// coarse and as many importance samples; the live sampler counts as <see cref="LiveSamplesPerPixel"/>), with the
/// factor measured on the session's own frames. Size steps down first (it costs quadratically and the browser scales
/// the video up), then, for the reference sampler, samples, never below the smallest of each.
/// </summary>
internal static class QualityCap
{
    /// <summary>
    /// The live sampler's cost in reference samples per pixel: a 256² live frame costs about as much CPU as 3–4 + 3–4
    /// reference samples (perf/RESULTS-quality.md); the session's measured factor corrects the rest.
    /// </summary>
    public const int LiveSamplesPerPixel = 4;

    /// <summary>The work a quality stands for, in the units the per-session cost factor is measured in.</summary>
    public static double Units(RenderQuality quality) =>
        (double)quality.Size * quality.Size * (quality.Sampler == SamplerQuality.Live ? LiveSamplesPerPixel : quality.Samples);

    /// <summary>The cheapest quality with <paramref name="sampler"/>: the smallest size (and fewest samples).</summary>
    public static RenderQuality Lowest(SamplerQuality sampler) =>
        new(RenderQuality.Sizes.Min(), sampler, sampler == SamplerQuality.Live ? 0 : RenderQuality.MinSamples);

    public static RenderQuality Fit(RenderQuality requested, double msPerUnit, double budgetMs)
    {
        if (msPerUnit <= 0 || msPerUnit * Units(requested) <= budgetMs)
        {
            return requested;
        }
        foreach (var size in RenderQuality.Sizes.Where(s => s <= requested.Size).OrderDescending())
        {
            var candidate = requested with { Size = size };
            if (msPerUnit * Units(candidate) <= budgetMs)
            {
                return candidate;
            }
        }
        var smallest = RenderQuality.Sizes.Min();
        if (requested.Sampler == SamplerQuality.Live)
        {
            return Lowest(SamplerQuality.Live);
        }
        var samples = (int)Math.Floor(budgetMs / (msPerUnit * smallest * smallest));
        return requested with { Size = smallest, Samples = Math.Clamp(samples, RenderQuality.MinSamples, requested.Samples) };
    }
}
