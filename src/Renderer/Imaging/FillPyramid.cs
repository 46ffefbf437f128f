using System.Buffers;
using System.Numerics;

namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// A hole fill's colours at falling sharpness, to be read sharper near the hole's edge and softer deeper inside it:
/// level 0 the colours under a 3 × 3 box, each level above a Gaussian pyramid's (Burt and Adelson, "The Laplacian
/// pyramid as a compact image code", IEEE Trans. Commun. 1983: a 5-tap binomial filter, then every second pixel),
/// read bilinearly at any fractional level as a mip-map is. Level k keeps structure of about 2^k pixels and larger.
/// Levels above 0 live in pooled arrays: dispose to return them.
/// </summary>
internal sealed class FillPyramid : IDisposable
{
    /// <summary>Enough levels that the top one is a few pixels of a 256² image: the softest read is a wide local mean, not the whole image's.</summary>
    private const int MaxLevel = 6;

    private readonly float[] _colour;
    private readonly int _width, _height;
    private readonly List<(float[] Colour, int Width, int Height)> _levels = [];

    /// <summary>The pyramid over <paramref name="colour"/> (RGB floats, interleaved, row-major), which it reads and does not copy.</summary>
    public FillPyramid(float[] colour, int width, int height)
    {
        (_colour, _width, _height) = (colour, width, height);
        _levels.Add((colour, width, height));
        while (_levels.Count <= MaxLevel && (_levels[^1].Width > 2 || _levels[^1].Height > 2))
        {
            _levels.Add(Reduce(_levels[^1]));
        }
    }

    /// <summary>The highest level there is: reads above it give that level's.</summary>
    public int Top => _levels.Count - 1;

    /// <summary>The colour at pixel (x, y), read at <paramref name="level"/> (0 … <see cref="Top"/>, fractions between two levels blended).</summary>
    public Vector3 At(int x, int y, float level)
    {
        if (!(level > 0f))
        {
            return BoxAt(x, y);
        }
        level = MathF.Min(level, Top);
        var below = (int)level;
        var t = level - below;
        var lower = below == 0 ? BoxAt(x, y) : Sample(below, x, y);
        return t > 0f ? Vector3.Lerp(lower, Sample(below + 1, x, y), t) : lower;
    }

    public void Dispose()
    {
        for (var k = 1; k < _levels.Count; k++)
        {
            ArrayPool<float>.Shared.Return(_levels[k].Colour);
        }
        _levels.Clear();
    }

    /// <summary>
    /// Level k's colour at full-resolution pixel (x, y): level k's pixel i sits at full-resolution 2^k·i, so the
    /// pixel lies between level pixels x >> k and the next, (x mod 2^k) / 2^k of the way (integer steps, no division).
    /// </summary>
    private Vector3 Sample(int k, int x, int y)
    {
        var (colour, width, height) = _levels[k];
        var (x0, y0) = (x >> k, y >> k);
        var scale = 1f / (1 << k);
        var (tx, ty) = ((x - (x0 << k)) * scale, (y - (y0 << k)) * scale);
        var dx = x0 + 1 < width ? 3 : 0;
        var dy = y0 + 1 < height ? 3 * width : 0;
        var at = 3 * (y0 * width + x0);
        var (w00, w01, w10, w11) = ((1f - tx) * (1f - ty), tx * (1f - ty), (1f - tx) * ty, tx * ty);
        return new Vector3(
            w00 * colour[at] + w01 * colour[at + dx] + w10 * colour[at + dy] + w11 * colour[at + dx + dy],
            w00 * colour[at + 1] + w01 * colour[at + dx + 1] + w10 * colour[at + dy + 1] + w11 * colour[at + dx + dy + 1],
            w00 * colour[at + 2] + w01 * colour[at + dx + 2] + w10 * colour[at + dy + 2] + w11 * colour[at + dx + dy + 2]);
    }

    /// <summary>
    /// The next level: the 1 4 6 4 1 / 16 filter down the columns (edges clamped) on every second row, then along
    /// those rows on every second pixel. Columns first: each output row is five whole input rows weighted, a
    /// contiguous walk in SIMD lanes, and the scalar pass along the rows then runs on half as many of them.
    /// </summary>
    private static (float[] Colour, int Width, int Height) Reduce((float[] Colour, int Width, int Height) fine)
    {
        var (colour, width, height) = fine;
        var (coarseWidth, coarseHeight) = ((width + 1) / 2, (height + 1) / 2);
        var line = 3 * width;
        var columns = ArrayPool<float>.Shared.Rent(line * coarseHeight);
        var coarse = ArrayPool<float>.Shared.Rent(3 * coarseWidth * coarseHeight);
        try
        {
            for (var y = 0; y < coarseHeight; y++)
            {
                var r0 = colour.AsSpan(Row(2 * y - 2), line);
                var r1 = colour.AsSpan(Row(2 * y - 1), line);
                var r2 = colour.AsSpan(Row(2 * y), line);
                var r3 = colour.AsSpan(Row(2 * y + 1), line);
                var r4 = colour.AsSpan(Row(2 * y + 2), line);
                var to = columns.AsSpan(y * line, line);
                var i = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    for (var lanes = Vector<float>.Count; i <= line - lanes; i += lanes)
                    {
                        var (v0, v1, v2, v3, v4) = (new Vector<float>(r0[i..]), new Vector<float>(r1[i..]), new Vector<float>(r2[i..]), new Vector<float>(r3[i..]), new Vector<float>(r4[i..]));
                        ((v0 + v4 + 4f * (v1 + v3) + 6f * v2) * (1f / 16)).CopyTo(to[i..]);
                    }
                }
                for (; i < line; i++)
                {
                    to[i] = (r0[i] + r4[i] + 4f * (r1[i] + r3[i]) + 6f * r2[i]) * (1f / 16);
                }
            }
            for (var y = 0; y < coarseHeight; y++)
            {
                var from = columns.AsSpan(y * line, line);
                var to = coarse.AsSpan(3 * y * coarseWidth, 3 * coarseWidth);
                for (var x = 0; x < coarseWidth; x++)
                {
                    var (p0, p1, p2, p3, p4) = (Pixel(2 * x - 2), Pixel(2 * x - 1), Pixel(2 * x), Pixel(2 * x + 1), Pixel(2 * x + 2));
                    for (var c = 0; c < 3; c++)
                    {
                        to[3 * x + c] = (from[p0 + c] + from[p4 + c] + 4f * (from[p1 + c] + from[p3 + c]) + 6f * from[p2 + c]) * (1f / 16);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(columns);
        }
        return (coarse, coarseWidth, coarseHeight);

        int Row(int y) => Math.Clamp(y, 0, height - 1) * line;
        int Pixel(int x) => 3 * Math.Clamp(x, 0, width - 1);
    }

    /// <summary>The three channels' means over the 3 × 3 pixels around (x, y) that lie in the image, all in one walk.</summary>
    private Vector3 BoxAt(int x, int y)
    {
        // Each channel is summed in the same order as a walk per channel would: the same floats, a third of the walking.
        float r = 0f, g = 0f, b = 0f;
        var n = 0;
        var (x0, x1) = (Math.Max(0, x - 1), Math.Min(_width - 1, x + 1));
        for (var yy = Math.Max(0, y - 1); yy <= Math.Min(_height - 1, y + 1); yy++)
        {
            for (var at = 3 * (yy * _width + x0); at <= 3 * (yy * _width + x1); at += 3)
            {
                r += _colour[at];
                g += _colour[at + 1];
                b += _colour[at + 2];
                n++;
            }
        }
        return new Vector3(r / n, g / n, b / n);
    }
}
