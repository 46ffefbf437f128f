using System.Buffers;

namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// Softens a render's silhouette where it meets transparency, for outputs that keep the alpha (the overlay). The live
/// sampler takes one ray per pixel and a portrait's surface is nearly opaque, so the opacity steps from 0 to 1 within
/// a pixel: composited over a page, the outline would be jagged. Each pixel whose 3 × 3 neighbourhood holds such a step
/// (alpha spanning at least <see cref="Step"/>) takes its neighbourhood's tent-weighted mean (1 2 1 / 2 4 2 / 1 2 1,
/// ÷ 16) — roughly the coverage a pixel-wide box filter would have given, the idea of post-process anti-aliasing
/// (Reshetov, "Morphological antialiasing", HPG 2009) without its edge-shape search. Colour and alpha are averaged
/// alike: <see cref="RenderTarget.Rgba"/> is premultiplied, and a weighted mean of premultiplied pixels is itself a
/// valid premultiplied pixel (colour ≤ alpha), so the softened edge fades to transparent without a dark or bright
/// rim. Pixels away from the silhouette are left untouched. Edges continue by their nearest pixel.
/// </summary>
public static class SilhouetteAntialiasing
{
    /// <summary>Alpha range (0–255) within a 3 × 3 neighbourhood that marks a hard silhouette edge.</summary>
    public const int Step = 128;

    /// <summary>Softens <paramref name="target"/>'s silhouette in place.</summary>
    public static void Apply(RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (width, height, rgba) = (target.Width, target.Height, target.Rgba);
        // Pooled: it runs per video frame. Reads come from the copy, so a softened pixel never feeds its neighbour.
        var source = ArrayPool<byte>.Shared.Rent(rgba.Length);
        try
        {
            rgba.CopyTo(source, 0);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    if (IsOnEdge(source, width, height, x, y))
                    {
                        WriteTentMean(source, rgba, width, height, x, y);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(source);
        }
    }

    private static bool IsOnEdge(byte[] rgba, int width, int height, int x, int y)
    {
        int low = 255, high = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            var row = Math.Clamp(y + dy, 0, height - 1) * width;
            for (var dx = -1; dx <= 1; dx++)
            {
                int alpha = rgba[4 * (row + Math.Clamp(x + dx, 0, width - 1)) + 3];
                (low, high) = (Math.Min(low, alpha), Math.Max(high, alpha));
            }
        }
        return high - low >= Step;
    }

    private static void WriteTentMean(byte[] source, byte[] destination, int width, int height, int x, int y)
    {
        Span<int> sums = stackalloc int[4];
        for (var dy = -1; dy <= 1; dy++)
        {
            var row = Math.Clamp(y + dy, 0, height - 1) * width;
            for (var dx = -1; dx <= 1; dx++)
            {
                var weight = (2 - Math.Abs(dx)) * (2 - Math.Abs(dy));
                var p = 4 * (row + Math.Clamp(x + dx, 0, width - 1));
                for (var c = 0; c < 4; c++)
                {
                    sums[c] += weight * source[p + c];
                }
            }
        }
        var q = 4 * (y * width + x);
        for (var c = 0; c < 4; c++)
        {
            destination[q + c] = (byte)((sums[c] + 8) / 16);
        }
    }
}
