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

    /// <summary>Level k's colour at full-resolution pixel (x, y): level k's pixel i sits at full-resolution 2^k·i.</summary>
    private Vector3 Sample(int k, int x, int y)
    {
        var (colour, width, height) = _levels[k];
        var scale = 1f / (1 << k);
        var fx = MathF.Min(x * scale, width - 1);
        var fy = MathF.Min(y * scale, height - 1);
        var (x0, y0) = ((int)fx, (int)fy);
        var (x1, y1) = (Math.Min(x0 + 1, width - 1), Math.Min(y0 + 1, height - 1));
        var (tx, ty) = (fx - x0, fy - y0);
        var top = Vector3.Lerp(Read(colour, width, x0, y0), Read(colour, width, x1, y0), tx);
        var bottom = Vector3.Lerp(Read(colour, width, x0, y1), Read(colour, width, x1, y1), tx);
        return Vector3.Lerp(top, bottom, ty);
    }

    private static Vector3 Read(float[] colour, int width, int x, int y)
    {
        var at = 3 * (y * width + x);
        return new Vector3(colour[at], colour[at + 1], colour[at + 2]);
    }

    /// <summary>The next level: the 1 4 6 4 1 / 16 filter along rows and columns (edges clamped), every second pixel kept.</summary>
    private static (float[] Colour, int Width, int Height) Reduce((float[] Colour, int Width, int Height) fine)
    {
        var (colour, width, height) = fine;
        var (coarseWidth, coarseHeight) = ((width + 1) / 2, (height + 1) / 2);
        // Rows first into a half-width scratch, then columns into the level.
        var rows = ArrayPool<float>.Shared.Rent(3 * coarseWidth * height);
        var coarse = ArrayPool<float>.Shared.Rent(3 * coarseWidth * coarseHeight);
        try
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < coarseWidth; x++)
                {
                    Binomial(colour, 3 * y * width, 3, width, 2 * x, rows, 3 * (y * coarseWidth + x));
                }
            }
            for (var y = 0; y < coarseHeight; y++)
            {
                for (var x = 0; x < coarseWidth; x++)
                {
                    Binomial(rows, 3 * x, 3 * coarseWidth, height, 2 * y, coarse, 3 * (y * coarseWidth + x));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
        }
        return (coarse, coarseWidth, coarseHeight);
    }

    /// <summary>to[at…at+2] = the 1 4 6 4 1 / 16 mean around element <paramref name="centre"/> of a line of <paramref name="count"/> RGB pixels, <paramref name="step"/> floats apart from <paramref name="start"/>.</summary>
    private static void Binomial(float[] from, int start, int step, int count, int centre, float[] to, int at)
    {
        ReadOnlySpan<float> taps = [1f / 16, 4f / 16, 6f / 16, 4f / 16, 1f / 16];
        float r = 0f, g = 0f, b = 0f;
        for (var k = -2; k <= 2; k++)
        {
            var p = start + Math.Clamp(centre + k, 0, count - 1) * step;
            var w = taps[k + 2];
            (r, g, b) = (r + w * from[p], g + w * from[p + 1], b + w * from[p + 2]);
        }
        (to[at], to[at + 1], to[at + 2]) = (r, g, b);
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
