using System.Globalization;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// Output resolution (square, pixels) and the sampler: <see cref="SamplerQuality.Live"/> (its own budget; see
/// <see cref="Renderer.LiveSampling"/>) or <see cref="SamplerQuality.Reference"/> with <see cref="Samples"/>
/// stratified samples and as many importance samples, as the <c>render</c> command's --samples means.
/// </summary>
internal sealed record RenderQuality(int Size, SamplerQuality Sampler, int Samples)
{
    /// <summary>The sizes SetQuality accepts: multiples of 64 the VP8 encoder and browsers handle well.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [128, 192, 256, 384, 512];

    public const int MinSamples = 4;
    public const int MaxSamples = 96;

    /// <summary>The sampler names SetQuality accepts, as the stats report them.</summary>
    public static IReadOnlyList<string> SamplerNames { get; } = ["live", "reference"];

    public string SamplerName => Sampler == SamplerQuality.Live ? "live" : "reference";

    /// <summary>Parses a sampler name (case-insensitive); false for anything else, null included.</summary>
    public static bool TryParseSampler(string? name, out SamplerQuality sampler)
    {
        sampler = name?.ToLowerInvariant() switch { "live" => SamplerQuality.Live, "reference" => SamplerQuality.Reference, _ => (SamplerQuality)(-1) };
        return Enum.IsDefined(sampler);
    }

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Problem() =>
        !Sizes.Contains(Size) ? $"size must be one of {string.Join(", ", Sizes)}, got {Size}"
        : Sampler == SamplerQuality.Live && Samples != 0 ? $"the live sampler sets its own budget: samples must be 0, got {Samples}"
        : Sampler == SamplerQuality.Reference && Samples is < MinSamples or > MaxSamples ? $"samples must be between {MinSamples} and {MaxSamples}, got {Samples}"
        : null;

    /// <summary>"256² live" or "512² reference 48+48", for logs.</summary>
    public override string ToString() => Sampler == SamplerQuality.Live
        ? string.Create(CultureInfo.InvariantCulture, $"{Size}² live")
        : string.Create(CultureInfo.InvariantCulture, $"{Size}² reference {Samples}+{Samples}");
}
