using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Scenes;

/// <summary>
/// A relief like the relief encoder's output (4 channels, a 4 → 4 → 4 decoder): an opaque height field
/// z &lt; h(x, y) facing the front camera, with a surface density that climbs over a few march steps (not the
/// analytic scenes' step) and colour textures, so deferred shading, silhouettes, depth steps and seeded marches all occur.
/// Channel 0 carries the occupancy h(x, y) − z (XY: h + margin, XZ: −z), channels 1–3 colour textures on the XY plane.
/// </summary>
internal static class ReliefScene
{
    private const int Resolution = 96;
    private const int Channels = 4;

    /// <summary>Raw σ per world unit inside the surface (times 3 planes' mean).</summary>
    private const float Sharpness = 2000f;

    public static float Height(float x, float y) => 0.12f * MathF.Sin(7f * x) * MathF.Cos(5f * y) + 0.08f * MathF.Sin(11f * y + 1f);

    /// <param name="steepness">Scales the height field: 1 gives slopes up to ~45°; 4 gives walls the front camera sees
    /// nearly edge-on, which a turned view sees square (what stretch smoothing is for).</param>
    public static Triplanes Triplanes(float steepness = 1f)
    {
        var planes = new Triplanes(new TriplaneLayout(Channels, Resolution, PlaneAxes.Eg3d));
        Fill(planes, 0, 0, (x, y) => steepness * Height(x, y) + AnalyticTriplanes.Margin);
        Fill(planes, 1, 0, (_, z) => -z);
        Fill(planes, 0, 1, (x, y) => MathF.Sin(13f * x + 3f * y));
        Fill(planes, 0, 2, (x, y) => MathF.Cos(9f * y - 4f * x));
        Fill(planes, 0, 3, (x, y) => MathF.Sin(17f * (x + y)));
        return planes;
    }

    /// <summary>Hidden unit 0: softplus(Sharpness · (h − z − margin)) → σ; units 1–3: softplus(texture) → colour logits.</summary>
    public static DecoderWeights Decoder()
    {
        const float planes = 3f;
        float[] w1 =
        [
            Sharpness * planes, 0f, 0f, 0f,
            0f, 2f * planes, 0f, 0f,
            0f, 0f, 2f * planes, 0f,
            0f, 0f, 0f, 2f * planes,
        ];
        float[] b1 = [-Sharpness * AnalyticTriplanes.Margin, 0f, 0f, 0f];
        float[] w2 =
        [
            1f, 0f, 0f, 0f,
            0f, 1.5f, 0f, 0f,
            0f, 0f, 1.5f, 0f,
            0f, 0f, 0f, 1.5f,
        ];
        float[] b2 = [OccupancyDecoder.EmptyLogit, -1.5f, -1.5f, -1.5f];
        return new DecoderWeights(Channels, Channels, Channels, w1, b1, w2, b2);
    }

    private static void Fill(Triplanes planes, int plane, int channel, Func<float, float, float> field)
    {
        var values = planes.Channel(plane, channel);
        for (int row = 0; row < Resolution; row++)
        {
            for (int column = 0; column < Resolution; column++)
            {
                values[row * Resolution + column] = field(Centre(column), Centre(row));
            }
        }
    }

    private static float Centre(int i) => ((i + 0.5f) / Resolution * 2f - 1f) * 0.5f;
}
