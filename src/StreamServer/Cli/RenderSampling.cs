using System.CommandLine;
using System.Globalization;
using PortraitStream.Renderer;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Cli;

/// <summary>
/// The `render` command's sampler choice: <c>--quality live</c> renders as the server does live (its sampler and
/// default size), <c>--quality reference</c> with EG3D's sampler (the model's 48 + 48, or <c>--samples</c>).
/// </summary>
internal sealed record RenderSampling(SamplerQuality Quality, int Size, int? Samples)
{
    /// <summary>The reference render's default side: a still image, where quality matters more than time.</summary>
    public const int ReferenceSize = 512;

    /// <summary>The server's live default side.</summary>
    public static int LiveSize { get; } = new PipelineOptions().DefaultSize;

    /// <summary>A usage error when --samples is given while --quality (or its default) is live.</summary>
    public static void RefuseSamplesWithLive(Command command, Option<SamplerQuality> quality, Option<int?> samples, SamplerQuality defaultQuality) =>
        command.Validators.Add(r =>
        {
            var chosen = r.GetResult(quality) is { Implicit: false } given ? given.GetValueOrDefault<SamplerQuality>() : defaultQuality;
            if (chosen == SamplerQuality.Live && r.GetValue(samples) is not null)
            {
                r.AddError("--samples sets the reference sampler; --quality live uses the live sampler's own budget");
            }
        });

    public static RenderSampling For(SamplerQuality quality, int? size, int? samples) =>
        new(quality, size ?? (quality == SamplerQuality.Live ? LiveSize : ReferenceSize), samples);

    public RenderRequest Apply(RenderRequest request) => Quality == SamplerQuality.Live
        ? request with { Live = LiveSampling.ForOutput(Size) }
        : request with { Samples = Samples is { } n ? new SampleCounts(n, n) : null };

    public static string Describe(RenderRequest request) => request.Live is { } live
        ? string.Create(CultureInfo.InvariantCulture,
            $"live sampler (grid {live.GridResolution}³, march 1/{live.MarchResolution}, geometry 1/{live.GeometryDivisor})")
        : $"{request.EffectiveSamples.Coarse}+{request.EffectiveSamples.Importance} samples";
}
