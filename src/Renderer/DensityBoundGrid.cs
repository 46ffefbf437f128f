using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Sampling;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer;

/// <summary>
/// Where the frame's field is provably near-empty, for the reference sampler's skipping (<see cref="SkippingRayIntegrator"/>):
/// an n³ grid over the triplanes' box [−box_warp/2, box_warp/2]³ holding, per cell, an upper bound on the decoder's
/// raw σ anywhere in the cell, by interval arithmetic (interval bound propagation, Gowal et al. 2018):
/// <list type="number">
/// <item>each plane's features at any point of the cell are a bilinear blend (weights ≥ 0, Σ ≤ 1, the rest zero
/// padding) of the texels under the cell's footprint on that plane, so they lie within those texels' per-channel
/// [min, max] — widened to include 0 where a tap may fall off the plane;</item>
/// <item>the mean over planes adds the intervals; W1·f + b1 takes each weight's sign into account; softplus is
/// monotone; the density row of W2 again by sign.</item>
/// </list>
/// A cell is empty when that bound is below <see cref="EmptyRawDensity"/>. Unlike the live sampler's corner-sampled
/// <c>OccupancyGrid</c>, no thin structure can hide between samples, so no dilation is needed, and a surface's cell is
/// the only occupied one in front of it. The bound is loose for wide decoders (many hidden units of mixed sign), which
/// then only skip less.
/// </summary>
internal sealed class DensityBoundGrid
{
    private bool[] _empty = [];
    private bool[] _clear = [];
    private bool[] _dilating = [];
    private float _cell;
    private float[] _low = [];
    private float[] _high = [];
    private Vector3 _half;
    private float _inverseCell;

    public int Resolution { get; private set; }

    /// <summary>Raw σ below which a point is empty: its σ = softplus(raw + bias) adds less than
    /// <see cref="SkippingRayIntegrator.SkippedOpticalDepth"/> over the longest ray through the box.</summary>
    public float EmptyRawDensity { get; private set; }

    /// <summary>Fraction of cells proven empty, for tests and stats.</summary>
    public float EmptyFraction => _empty.Length == 0 ? 0f : (float)_empty.Count(e => e) / _empty.Length;

    /// <summary>
    /// Cells per side: 64 while a cell's bound is cheap (C · H ≤ 256 multiply-adds, a relief's 4 × 4), else 32
    /// (EG3D's 32 × 64: 2 048 per cell, 33 k cells, a few % of a 48 + 48 frame).
    /// </summary>
    public static int ResolutionFor(int channels, int hidden) => channels * hidden <= 256 ? 64 : 32;

    public void Build(Triplanes planes, DecoderWeights decoder, RenderingConfig rendering, ParallelOptions parallel)
    {
        var layout = planes.Layout;
        int n = ResolutionFor(layout.Channels, decoder.Hidden);
        int c = layout.Channels;
        Resolution = n;
        float cell = rendering.BoxWarp / n;
        _half = new Vector3(0.5f * rendering.BoxWarp);
        _inverseCell = 1f / cell;
        _cell = cell;
        float sigma = SkippingRayIntegrator.SkippedOpticalDepth / (MathF.Sqrt(3f) * rendering.BoxWarp);
        // softplus(x + bias) < σ ⇔ x < log(expm1(σ)) − bias.
        EmptyRawDensity = MathF.Log(MathF.Exp(sigma) - 1f) - rendering.DensityBias;
        int footprints = n * n * c;
        Resize(ref _low, layout.Planes * footprints);
        Resize(ref _high, layout.Planes * footprints);
        Resize(ref _empty, n * n * n);
        Parallel.For(0, layout.Planes * n, parallel, row => FootprintRow(planes, row / n, row % n, n));
        float threshold = EmptyRawDensity;
        Parallel.For(0, n * n, parallel, () => new float[2 * c + 2 * decoder.Hidden], (zy, _, scratch) =>
        {
            int z = zy / n, y = zy % n;
            for (int x = 0; x < n; x++)
            {
                _empty[(z * n + y) * n + x] = DensityBound(layout, decoder, x, y, z, n, scratch) < threshold;
            }
            return scratch;
        }, _ => { });
        Resize(ref _clear, n * n * n);
        Resize(ref _dilating, n * n * n);
        MarkClearCells(n);
    }

    /// <summary>
    /// Whether every point of <paramref name="segment"/> lies in a proven-empty cell. Then every sample the reference
    /// sampler draws there is skipped, in both passes, and the pixel is background whatever the draws: the ray need not
    /// be sampled at all. Checked a cell's length apart, on cells whose 26 neighbours are empty too: every point of the
    /// segment lies within half a cell of a checked point, so in its cell or a neighbour of it, whatever the rounding.
    /// </summary>
    public bool IsClearAlong(in Ray ray, RaySegment segment)
    {
        for (float t = segment.Start; ; t += _cell)
        {
            float at = MathF.Min(t, segment.End);
            if (!_clear[CellIndex(ray.At(at))])
            {
                return false;
            }
            if (at >= segment.End)
            {
                return true;
            }
        }
    }

    /// <summary>Clear: the cell and its 26 neighbours proven empty (outside the box counts as empty) — a 3³ dilation of the occupied cells, one axis at a time.</summary>
    private void MarkClearCells(int n)
    {
        for (int i = 0; i < _empty.Length; i++)
        {
            _clear[i] = !_empty[i];
        }
        DilateAlong(_clear, _dilating, n, 1);
        DilateAlong(_dilating, _clear, n, n);
        DilateAlong(_clear, _dilating, n, n * n);
        for (int i = 0; i < _clear.Length; i++)
        {
            _clear[i] = !_dilating[i];
        }
    }

    /// <summary><paramref name="target"/>[i]: whether cell i or either neighbour along the axis of index stride <paramref name="stride"/> is occupied in <paramref name="source"/>.</summary>
    private static void DilateAlong(bool[] source, bool[] target, int n, int stride)
    {
        for (int i = 0; i < source.Length; i++)
        {
            int along = i / stride % n;
            target[i] = source[i] || (along > 0 && source[i - stride]) || (along < n - 1 && source[i + stride]);
        }
    }

    /// <summary>Whether the cell holding <paramref name="point"/> (inside the box, up to rounding) is proven empty.</summary>
    public bool IsEmpty(Vector3 point) => _empty[CellIndex(point)];

    private int CellIndex(Vector3 point)
    {
        // point + half ≥ 0 inside the box, where truncation is floor; the clamps catch rounding at the faces.
        var cell = (point + _half) * _inverseCell;
        int last = Resolution - 1;
        int x = Math.Clamp((int)cell.X, 0, last);
        int y = Math.Clamp((int)cell.Y, 0, last);
        int z = Math.Clamp((int)cell.Z, 0, last);
        return (z * Resolution + y) * Resolution + x;
    }

    /// <summary>
    /// Per-channel [min, max] of plane <paramref name="plane"/>'s texels under the footprints of cells (i, <paramref name="j"/>)
    /// for every i (u along the plane's U axis, v along V).
    /// </summary>
    private void FootprintRow(Triplanes planes, int plane, int j, int n)
    {
        var layout = planes.Layout;
        int r = layout.Resolution, c = layout.Channels;
        var (v0, v1, vOff) = TexelRange(j, n, r);
        for (int i = 0; i < n; i++)
        {
            var (u0, u1, uOff) = TexelRange(i, n, r);
            int target = ((plane * n + j) * n + i) * c;
            for (int channel = 0; channel < c; channel++)
            {
                var texels = planes.Channel(plane, channel);
                float low = float.PositiveInfinity, high = float.NegativeInfinity;
                for (int v = v0; v <= v1; v++)
                {
                    for (int u = u0; u <= u1; u++)
                    {
                        float t = texels[v * r + u];
                        low = MathF.Min(low, t);
                        high = MathF.Max(high, t);
                    }
                }
                if (uOff || vOff)
                {
                    low = MathF.Min(low, 0f);
                    high = MathF.Max(high, 0f);
                }
                _low[target + channel] = low;
                _high[target + channel] = high;
            }
        }
    }

    /// <summary>
    /// Texels the bilinear taps of cell <paramref name="i"/>'s points can touch along one axis, clamped to the plane,
    /// and whether some tap may fall off it (zero padding). grid_sample, align_corners=False: the continuous index of
    /// normalised u is ((u + 1)·R − 1) / 2, taps floor(ix) and floor(ix) + 1; widened by a hundredth of a texel for rounding.
    /// </summary>
    private static (int First, int Last, bool OffPlane) TexelRange(int i, int n, int r)
    {
        float uLow = 2f * i / n - 1f, uHigh = 2f * (i + 1) / n - 1f;
        int first = (int)MathF.Floor(((uLow + 1f) * r - 1f) * 0.5f - 0.01f);
        int last = (int)MathF.Floor(((uHigh + 1f) * r - 1f) * 0.5f + 0.01f) + 1;
        bool off = first < 0 || last > r - 1;
        return (Math.Max(first, 0), Math.Min(last, r - 1), off);
    }

    /// <summary>Upper bound of raw σ over cell (x, y, z), by interval arithmetic through the planes' mean and the decoder.</summary>
    private float DensityBound(TriplaneLayout layout, DecoderWeights decoder, int x, int y, int z, int n, float[] scratch)
    {
        int c = layout.Channels, hidden = decoder.Hidden;
        var fLow = scratch.AsSpan(0, c);
        var fHigh = scratch.AsSpan(c, c);
        fLow.Clear();
        fHigh.Clear();
        Span<int> index = [x, y, z];
        float meanScale = 1f / layout.Planes;
        for (int plane = 0; plane < layout.Planes; plane++)
        {
            var axes = layout.Axes[plane];
            int source = ((plane * n + index[(int)axes.V]) * n + index[(int)axes.U]) * c;
            for (int k = 0; k < c; k++)
            {
                fLow[k] += _low[source + k] * meanScale;
                fHigh[k] += _high[source + k] * meanScale;
            }
        }
        float bound = decoder.B2[0];
        for (int o = 0; o < hidden; o++)
        {
            float low = decoder.B1[o], high = decoder.B1[o];
            var w1 = decoder.W1.AsSpan(o * c, c);
            for (int k = 0; k < c; k++)
            {
                float w = w1[k];
                low += w >= 0f ? w * fLow[k] : w * fHigh[k];
                high += w >= 0f ? w * fHigh[k] : w * fLow[k];
            }
            float w2 = decoder.W2[o];
            bound += w2 >= 0f ? w2 * Softplus(high) : w2 * Softplus(low);
        }
        return bound;
    }

    private static float Softplus(float x) => MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));

    private static void Resize<T>(ref T[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new T[length];
    }
}
