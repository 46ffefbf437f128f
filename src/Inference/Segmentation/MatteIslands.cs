using System.Buffers;

namespace PortraitStream.Inference.Segmentation;

/// <summary>
/// Takes the matte's small islands out: pieces the selfie network calls the person (probability ½ or more) that are not
/// joined to anything larger — a few strands of the next person's hair, a dark knot in a cluttered room. Relief v2
/// builds a body wherever the matte says person, so each island stood in front of the room as a separate blob: a
/// turned view drew them as dark specks floating beside the head, and a removed background kept them beside the
/// person. Taken out, they stay where they were in the picture, on the far layer's wall.
/// </summary>
public static class MatteIslands
{
    /// <summary>Probability at or above which a pixel is the person (the ½ the geometry's silhouette follows).</summary>
    private const float Person = 0.5f;

    /// <summary>
    /// Islands smaller than this share of the picture are taken out (328 pixels of a 256² crop; a face there is about
    /// 100 × 120). A hand apart from the body (about 25 × 25) is larger and stays.
    /// </summary>
    public const float MaxIslandShare = 0.005f;

    /// <summary>
    /// Sets the person pixels of every 4-connected region smaller than <see cref="MaxIslandShare"/> of
    /// <paramref name="matte"/> (<paramref name="width"/> × <paramref name="height"/>, row-major) to 0; the rest is left
    /// as it is. Returns how many pixels it cleared.
    /// </summary>
    public static int Remove(float[] matte, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(matte);
        if (matte.Length != width * height)
        {
            throw new ArgumentException($"matte has {matte.Length} values, a {width}×{height} picture needs {width * height}", nameof(matte));
        }
        var maxArea = (int)(MaxIslandShare * width * height);
        // Pooled: it runs once per analysed frame. The region and the stack each hold a pixel at most once.
        var seen = ArrayPool<bool>.Shared.Rent(matte.Length);
        var region = ArrayPool<int>.Shared.Rent(matte.Length);
        var stack = ArrayPool<int>.Shared.Rent(matte.Length);
        try
        {
            Array.Clear(seen, 0, matte.Length);
            var cleared = 0;
            for (var start = 0; start < matte.Length; start++)
            {
                if (seen[start] || !(matte[start] >= Person))
                {
                    continue;
                }
                var (count, top) = (0, 0);
                seen[start] = true;
                stack[top++] = start;
                while (top > 0)
                {
                    var i = stack[--top];
                    region[count++] = i;
                    var (x, y) = (i % width, i / width);
                    Visit(x > 0, i - 1);
                    Visit(x < width - 1, i + 1);
                    Visit(y > 0, i - width);
                    Visit(y < height - 1, i + width);
                }
                if (count < maxArea)
                {
                    foreach (var i in region.AsSpan(0, count))
                    {
                        matte[i] = 0f;
                    }
                    cleared += count;
                }

                void Visit(bool inside, int i)
                {
                    if (inside && !seen[i] && matte[i] >= Person)
                    {
                        seen[i] = true;
                        stack[top++] = i;
                    }
                }
            }
            return cleared;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(seen);
            ArrayPool<int>.Shared.Return(region);
            ArrayPool<int>.Shared.Return(stack);
        }
    }
}
