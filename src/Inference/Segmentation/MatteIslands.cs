using System.Buffers;

namespace PortraitStream.Inference.Segmentation;

/// <summary>
/// Takes the matte's small islands out: pieces the selfie network calls the person (probability ½ or more) that are not
/// joined to anything larger — a few strands of the next person's hair, a dark knot in a cluttered room. Relief v2
/// builds a body wherever the matte says person, so each island stood in front of the room as a separate blob: a
/// turned view drew them as dark specks floating beside the head, and a removed background kept them beside the
/// person. Taken out, they stay where they were in the picture, on the far layer's wall. And, for the picture around
/// the crop, the people beside the one whose face it is.
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
    /// <paramref name="matte"/> (<paramref name="width"/> × <paramref name="height"/>, row-major) to 0, and, given
    /// <paramref name="wanted"/> (as long, or longer), those of every region with no pixel where it is ½ or more: a
    /// crop's matte keeps the person another matte says is wanted, through any piece of them, and loses the people apart
    /// from them. The rest is left as it is. Returns how many pixels it cleared.
    /// </summary>
    public static int Remove(float[] matte, int width, int height, float[]? wanted = null)
    {
        CheckSize(matte, width, height);
        if (wanted is not null)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(wanted.Length, matte.Length, nameof(wanted));
        }
        var maxArea = (int)(MaxIslandShare * width * height);
        using var regions = new Regions(matte, width, height);
        var cleared = 0;
        for (var start = 0; start < matte.Length; start++)
        {
            var region = regions.Fill(start);
            if (region.Length > 0 && (region.Length < maxArea || (wanted is not null && !Touches(region, wanted))))
            {
                Clear(matte, region);
                cleared += region.Length;
            }
        }
        return cleared;
    }

    private static bool Touches(ReadOnlySpan<int> region, float[] wanted)
    {
        foreach (var i in region)
        {
            if (wanted[i] >= Person)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Writes into <paramref name="only"/> (at least as long) <paramref name="matte"/> with the person pixels of every
    /// region but the one holding pixel (<paramref name="x"/>, <paramref name="y"/>) set to 0: the one person a face
    /// belongs to, without the people beside them. Where that pixel is not the person there is nothing to tell them
    /// apart by: <paramref name="only"/> gets the matte as it is, and it returns false.
    /// </summary>
    public static bool OnlyTheOneAt(float[] matte, float[] only, int width, int height, int x, int y)
    {
        CheckSize(matte, width, height);
        ArgumentNullException.ThrowIfNull(only);
        ArgumentOutOfRangeException.ThrowIfLessThan(only.Length, matte.Length, nameof(only));
        matte.CopyTo(only, 0);
        if (x < 0 || y < 0 || x >= width || y >= height || !(matte[y * width + x] >= Person))
        {
            return false;
        }
        using var regions = new Regions(only, width, height);
        regions.Fill(y * width + x);
        for (var start = 0; start < matte.Length; start++)
        {
            Clear(only, regions.Fill(start));
        }
        return true;
    }

    private static void CheckSize(float[] matte, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(matte);
        if (matte.Length != width * height)
        {
            throw new ArgumentException($"matte has {matte.Length} values, a {width}×{height} picture needs {width * height}", nameof(matte));
        }
    }

    private static void Clear(float[] matte, ReadOnlySpan<int> pixels)
    {
        foreach (var i in pixels)
        {
            matte[i] = 0f;
        }
    }

    /// <summary>
    /// The 4-connected person regions of the matte's first <c>width × height</c> values, each found once: pooled buffers
    /// (it runs once per analysed frame); the region and the stack each hold a pixel at most once.
    /// </summary>
    private sealed class Regions : IDisposable
    {
        private readonly float[] _matte;
        private readonly int _width, _height;
        private readonly bool[] _seen;
        private readonly int[] _region, _stack;

        public Regions(float[] matte, int width, int height)
        {
            (_matte, _width, _height) = (matte, width, height);
            var length = width * height;
            _seen = ArrayPool<bool>.Shared.Rent(length);
            _region = ArrayPool<int>.Shared.Rent(length);
            _stack = ArrayPool<int>.Shared.Rent(length);
            Array.Clear(_seen, 0, length);
        }

        /// <summary>The region holding pixel <paramref name="start"/>, if it is a person pixel no region found so far holds; empty otherwise.</summary>
        public ReadOnlySpan<int> Fill(int start)
        {
            if (_seen[start] || !(_matte[start] >= Person))
            {
                return [];
            }
            var (count, top) = (0, 0);
            _seen[start] = true;
            _stack[top++] = start;
            while (top > 0)
            {
                var i = _stack[--top];
                _region[count++] = i;
                var (x, y) = (i % _width, i / _width);
                Visit(x > 0, i - 1);
                Visit(x < _width - 1, i + 1);
                Visit(y > 0, i - _width);
                Visit(y < _height - 1, i + _width);
            }
            return _region.AsSpan(0, count);

            void Visit(bool inside, int i)
            {
                if (inside && !_seen[i] && _matte[i] >= Person)
                {
                    _seen[i] = true;
                    _stack[top++] = i;
                }
            }
        }

        public void Dispose()
        {
            ArrayPool<bool>.Shared.Return(_seen);
            ArrayPool<int>.Shared.Return(_region);
            ArrayPool<int>.Shared.Return(_stack);
        }
    }
}
