using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Perf;

/// <summary>
/// The renderer benchmarks' scenes. <see cref="Eg3d"/>: EG3D-sized triplanes (3 × 32 × 256 × 256) with a 32 → 64 → 33
/// decoder, 48 coarse + 48 importance samples per ray. <see cref="Relief"/>: the relief encoder's sizes (3 × 4 × 256²,
/// decoder 4 → 4 → 4), as the live CPU pipeline renders them. Planes and weights are smooth random fields, so rays see
/// partial opacity and the importance pass does real work (an all-empty or all-opaque scene would not).
/// </summary>
internal static class SyntheticScene
{
    public static RenderRequest Eg3d(int size) => Request(TriplaneLayout.Eg3dFfhq, hidden: 64, outputs: 33, size, samples: null);

    public static RenderRequest Relief(int size, SampleCounts samples) =>
        Request(new TriplaneLayout(4, 256, PlaneAxes.Eg3d), hidden: 4, outputs: 4, size, samples);

    private static RenderRequest Request(TriplaneLayout layout, int hidden, int outputs, int size, SampleCounts? samples) =>
        new(new Triplanes(layout, SmoothField(layout)), Decoder(layout.Channels, hidden, outputs), RenderingConfig.Eg3dFfhq, new CameraView(20f, -5f), size, size)
        {
            Seed = 1,
            Samples = samples,
        };

    /// <summary>Per channel a few low-frequency sinusoids: varied, smooth, deterministic.</summary>
    private static float[] SmoothField(TriplaneLayout layout)
    {
        var data = new float[layout.Length];
        int r = layout.Resolution;
        for (int plane = 0; plane < layout.Planes; plane++)
        {
            for (int c = 0; c < layout.Channels; c++)
            {
                float fu = 1f + (c * 7 + plane) % 5, fv = 1f + (c * 3 + plane * 2) % 4, phase = c * 0.7f + plane;
                int offset = (plane * layout.Channels + c) * r * r;
                for (int v = 0; v < r; v++)
                {
                    for (int u = 0; u < r; u++)
                    {
                        data[offset + v * r + u] = MathF.Sin(fu * u * MathF.Tau / r + phase) * MathF.Cos(fv * v * MathF.Tau / r - phase);
                    }
                }
            }
        }
        return data;
    }

    private static DecoderWeights Decoder(int inputs, int hidden, int outputs)
    {
        var random = new Random(1234);
        float[] Values(int n, float scale) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];
        return new DecoderWeights(inputs, hidden, outputs,
            Values(hidden * inputs, 1f / MathF.Sqrt(inputs)), Values(hidden, 0.1f),
            Values(outputs * hidden, 3f / MathF.Sqrt(hidden)), Values(outputs, 0.5f));
    }
}
