namespace PortraitStream.Renderer.Field;

/// <summary>
/// The bilinear taps of one pass's samples, as <see cref="TriplaneField"/> lists them before it sums any: per sample
/// up to <see cref="MaxPerSample"/> texel offsets (into the channel-last planes) and weights, and how many are in use.
/// One worker's scratch, reused for every ray.
/// </summary>
internal sealed class FieldTaps(int samples)
{
    /// <summary>Four bilinear taps on each of at most <see cref="RenderLimits.MaxPlanes"/> planes.</summary>
    public const int MaxPerSample = 4 * RenderLimits.MaxPlanes;

    public int[] Offsets { get; } = new int[samples * MaxPerSample];
    public float[] Weights { get; } = new float[samples * MaxPerSample];
    public int[] Counts { get; } = new int[samples];
}
