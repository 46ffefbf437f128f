namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// Output resolution (square, pixels) and samples per ray: <see cref="Samples"/> stratified samples and as many
/// importance samples, as the <c>render</c> command's --samples means.
/// </summary>
public sealed record RenderQuality(int Size, int Samples)
{
    /// <summary>The sizes SetQuality accepts: multiples of 64 the VP8 encoder and browsers handle well.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [128, 192, 256, 384, 512];

    public const int MinSamples = 4;
    public const int MaxSamples = 96;

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Problem() =>
        !Sizes.Contains(Size) ? $"size must be one of {string.Join(", ", Sizes)}, got {Size}"
        : Samples is < MinSamples or > MaxSamples ? $"samples must be between {MinSamples} and {MaxSamples}, got {Samples}"
        : null;
}
