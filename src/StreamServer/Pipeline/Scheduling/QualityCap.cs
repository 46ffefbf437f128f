using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Scheduling;

/// <summary>
/// The best quality no better than the one asked for whose estimated render time fits a budget. Render time is taken
/// as proportional to pixels × samples per ray (every pixel marches <c>Samples</c> coarse and as many importance
/// samples), with the factor measured on the session's own frames. Size steps down first (it costs quadratically and
/// the browser scales the video up), then samples, never below the smallest of each.
/// </summary>
public static class QualityCap
{
    /// <summary>The work a quality stands for, in the units the per-session cost factor is measured in.</summary>
    public static double Units(RenderQuality quality) => (double)quality.Size * quality.Size * quality.Samples;

    public static RenderQuality Fit(RenderQuality requested, double msPerUnit, double budgetMs)
    {
        if (msPerUnit <= 0 || msPerUnit * Units(requested) <= budgetMs)
        {
            return requested;
        }
        foreach (var size in RenderQuality.Sizes.Where(s => s <= requested.Size).OrderDescending())
        {
            var candidate = new RenderQuality(size, requested.Samples);
            if (msPerUnit * Units(candidate) <= budgetMs)
            {
                return candidate;
            }
        }
        var smallest = RenderQuality.Sizes.Min();
        var samples = (int)Math.Floor(budgetMs / (msPerUnit * smallest * smallest));
        return new RenderQuality(smallest, Math.Clamp(samples, RenderQuality.MinSamples, requested.Samples));
    }
}
