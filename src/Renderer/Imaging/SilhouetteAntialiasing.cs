using System.Buffers;

namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// Softens a render's silhouette where it meets transparency, before any background goes under it (and for outputs
/// that keep the alpha, the overlay). Both samplers take one ray per pixel and a portrait's surface is nearly opaque,
/// so the opacity steps from 0 to 1 within a pixel: over the background layer or a page, the outline would be jagged. Each pixel whose 3 × 3 neighbourhood holds such a step
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

    /// <summary>
    /// Softens <paramref name="target"/>'s silhouette in place. <paramref name="views"/>: the target holds that many
    /// pictures side by side (a stereo pair), and no neighbourhood reaches across from one into the next.
    /// </summary>
    public static void Apply(RenderTarget target, int views = 1)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(views);
        if (target.Width % views != 0)
        {
            throw new ArgumentException($"a {target.Width}-pixel-wide target does not split into {views} views", nameof(views));
        }
        var (width, height, rgba) = (target.Width, target.Height, target.Rgba);
        var viewWidth = width / views;
        // Pooled: it runs per video frame. Reads come from the copy, so a softened pixel never feeds its neighbour.
        var source = ArrayPool<byte>.Shared.Rent(rgba.Length);
        var rowRanges = ArrayPool<byte>.Shared.Rent(2 * height);
        try
        {
            rgba.CopyTo(source, 0);
            AlphaRangePerRow(source, width, height, rowRanges);
            for (var y = 0; y < height; y++)
            {
                // Most rows (above the head, through the room) hold no step within the three rows around them: no
                // pixel there can be on an edge, so the per-pixel neighbourhood test is skipped for the whole row.
                if (!MayHoldAnEdge(rowRanges, height, y))
                {
                    continue;
                }
                for (var left = 0; left < width; left += viewWidth)
                {
                    var view = new Columns(left, viewWidth);
                    for (var x = left; x < left + viewWidth; x++)
                    {
                        if (IsOnEdge(source, width, height, view, x, y))
                        {
                            WriteTentMean(source, rgba, width, height, view, x, y);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(source);
            ArrayPool<byte>.Shared.Return(rowRanges);
        }
    }

    /// <summary>Each row's lowest and highest alpha, at [2y] and [2y + 1] of <paramref name="ranges"/>.</summary>
    private static void AlphaRangePerRow(byte[] rgba, int width, int height, byte[] ranges)
    {
        for (var y = 0; y < height; y++)
        {
            int low = 255, high = 0;
            for (int p = 4 * y * width + 3, end = 4 * (y + 1) * width; p < end; p += 4)
            {
                (low, high) = (Math.Min(low, rgba[p]), Math.Max(high, rgba[p]));
            }
            (ranges[2 * y], ranges[2 * y + 1]) = ((byte)low, (byte)high);
        }
    }

    /// <summary>Whether rows <paramref name="y"/> − 1 … + 1 together span an alpha step of at least <see cref="Step"/>.</summary>
    private static bool MayHoldAnEdge(byte[] ranges, int height, int y)
    {
        int low = 255, high = 0;
        for (var row = Math.Max(0, y - 1); row <= Math.Min(height - 1, y + 1); row++)
        {
            (low, high) = (Math.Min(low, ranges[2 * row]), Math.Max(high, ranges[2 * row + 1]));
        }
        return high - low >= Step;
    }

    private static bool IsOnEdge(byte[] rgba, int width, int height, Columns view, int x, int y)
    {
        int low = 255, high = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            var row = Math.Clamp(y + dy, 0, height - 1) * width;
            for (var dx = -1; dx <= 1; dx++)
            {
                int alpha = rgba[4 * (row + view.Clamp(x + dx)) + 3];
                (low, high) = (Math.Min(low, alpha), Math.Max(high, alpha));
            }
        }
        return high - low >= Step;
    }

    private static void WriteTentMean(byte[] source, byte[] destination, int width, int height, Columns view, int x, int y)
    {
        Span<int> sums = stackalloc int[4];
        for (var dy = -1; dy <= 1; dy++)
        {
            var row = Math.Clamp(y + dy, 0, height - 1) * width;
            for (var dx = -1; dx <= 1; dx++)
            {
                var weight = (2 - Math.Abs(dx)) * (2 - Math.Abs(dy));
                var p = 4 * (row + view.Clamp(x + dx));
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

    /// <summary>One picture's columns within the target; a neighbourhood continues by the picture's own edge pixel.</summary>
    private readonly record struct Columns(int Left, int Width)
    {
        public int Clamp(int x) => Math.Clamp(x, Left, Left + Width - 1);
    }
}
