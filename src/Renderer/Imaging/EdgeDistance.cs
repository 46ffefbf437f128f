namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// How far each pixel lies from the nearest pixel of a set (a hole fill's sources): a two-pass chamfer distance
/// (Borgefors, "Distance transformations in digital images", CVGIP 1986) with steps 1 and √2, within 8 % of the
/// Euclidean distance — enough to say how deep inside a hole a pixel is, for two walks over the image.
/// </summary>
internal static class EdgeDistance
{
    private const float Diagonal = 1.41421356f;

    /// <summary>
    /// <paramref name="distance"/>[i] = pixels from pixel i to the nearest pixel with <paramref name="inSet"/> true (0 on
    /// the set itself; +∞ everywhere when the set is empty).
    /// </summary>
    public static void Compute(ReadOnlySpan<bool> inSet, int width, int height, Span<float> distance)
    {
        for (var i = 0; i < width * height; i++)
        {
            distance[i] = inSet[i] ? 0f : float.PositiveInfinity;
        }
        // Forward: from the left, above-left, above and above-right neighbours; backward: the mirror image of that.
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var d = distance[i];
                if (x > 0)
                {
                    d = MathF.Min(d, distance[i - 1] + 1f);
                }
                if (y > 0)
                {
                    d = MathF.Min(d, distance[i - width] + 1f);
                    if (x > 0)
                    {
                        d = MathF.Min(d, distance[i - width - 1] + Diagonal);
                    }
                    if (x + 1 < width)
                    {
                        d = MathF.Min(d, distance[i - width + 1] + Diagonal);
                    }
                }
                distance[i] = d;
            }
        }
        for (var y = height - 1; y >= 0; y--)
        {
            for (var x = width - 1; x >= 0; x--)
            {
                var i = y * width + x;
                var d = distance[i];
                if (x + 1 < width)
                {
                    d = MathF.Min(d, distance[i + 1] + 1f);
                }
                if (y + 1 < height)
                {
                    d = MathF.Min(d, distance[i + width] + 1f);
                    if (x + 1 < width)
                    {
                        d = MathF.Min(d, distance[i + width + 1] + Diagonal);
                    }
                    if (x > 0)
                    {
                        d = MathF.Min(d, distance[i + width - 1] + Diagonal);
                    }
                }
                distance[i] = d;
            }
        }
    }
}
