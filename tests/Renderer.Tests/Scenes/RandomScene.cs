using PortraitStream.Renderer.Sampling;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Scenes;

/// <summary>
/// Random-looking but reproducible triplanes and decoder (values from <see cref="HashRng"/>), with channel and hidden
/// widths that exercise both the SIMD body and the scalar tail.
/// </summary>
internal static class RandomScene
{
    public static Triplanes Triplanes(int channels = 11, int resolution = 32, uint seed = 1) =>
        new(new TriplaneLayout(channels, resolution, PlaneAxes.Eg3d), Values(3 * channels * resolution * resolution, seed, 1f));

    public static DecoderWeights Decoder(int inputs = 11, int hidden = 19, int outputs = 6, uint seed = 2) => new(
        inputs, hidden, outputs,
        Values(hidden * inputs, seed, 1f / MathF.Sqrt(inputs)), Values(hidden, seed + 1, 0.1f),
        Values(outputs * hidden, seed + 2, 2f / MathF.Sqrt(hidden)), Values(outputs, seed + 3, 0.5f));

    /// <summary>Uniform in [−scale, scale).</summary>
    public static float[] Values(int count, uint seed, float scale)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (2f * HashRng.Uniform(seed, (uint)i, HashRng.Sequence.CoarseJitter, 0) - 1f) * scale;
        }
        return values;
    }
}
