using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// Per-frame bounds from the field itself: an n³ grid of cells over the triplanes' box [−box_warp/2, box_warp/2]³ that
/// says where the density may be non-negligible, so the live sampler spends no query in empty space. Built from the
/// field's density at the (n + 1)³ cell corners: a cell is occupied when a corner's σ = softplus(raw σ + bias) could
/// give an optical depth of <see cref="OccupiedOpticalDepth"/> across the cell's diagonal; then every occupied cell
/// marks its 26 neighbours too (dilation), so a surface lying between corners, or thin structure such as hair that the
/// corners straddle, is still inside the bounds. Density only: a decoder's colours are never read here.
/// Nerfacc's and Instant-NGP's occupancy grids are the idea; theirs persist across training steps, this one is rebuilt
/// for every frame's triplanes (a live encoder gives new planes each frame).
/// </summary>
internal sealed class OccupancyGrid
{
    /// <summary>Optical depth across a cell's diagonal below which a corner counts as empty (opacity ≈ 0.2 %).</summary>
    public const float OccupiedOpticalDepth = 0.002f;

    private bool[] _corner = [];
    private bool[] _core = [];    // cells a corner of which has density
    private bool[] _scratch = []; // the dilation's middle pass
    private bool[] _dilated = [];

    public int Resolution { get; private set; }

    /// <summary>Cell side in world units.</summary>
    public float CellSize { get; private set; }

    private float _half;

    /// <summary>Raw σ below which a point counts as empty space (the corners' test).</summary>
    public float EmptyRawDensity { get; private set; }

    /// <summary>
    /// Rebuilds the grid for the frame's field. Corner rows along x are queried as rays (origin at the box's −x face,
    /// direction +x), so the batched field query serves them unchanged; rows run in parallel.
    /// </summary>
    public void Build(FieldQuery field, float boxWarp, float densityBias, int resolution, ParallelOptions parallel, Func<QueryScratch> rent, Action<QueryScratch> giveBack)
    {
        int n = resolution;
        int corners = n + 1;
        Resolution = n;
        _half = 0.5f * boxWarp;
        CellSize = boxWarp / n;
        Resize(ref _corner, corners * corners * corners);
        Resize(ref _core, n * n * n);
        Resize(ref _scratch, n * n * n);
        Resize(ref _dilated, n * n * n);
        float cell = CellSize;
        float rawThreshold = EmptyRawDensityFor(boxWarp, densityBias, n);
        EmptyRawDensity = rawThreshold;
        var corner = _corner;
        Parallel.For(0, corners * corners, parallel, rent, (row, _, scratch) =>
        {
            int z = row / corners;
            int y = row % corners;
            var ray = new Ray(new Vector3(-_half, -_half + y * cell, -_half + z * cell), Vector3.UnitX);
            Span<float> depths = stackalloc float[corners];
            for (int x = 0; x < corners; x++) depths[x] = x * cell;
            Span<RaySample> samples = stackalloc RaySample[corners];
            for (int start = 0; start < corners; start += scratch.Batch)
            {
                int count = Math.Min(scratch.Batch, corners - start);
                field.Evaluate(ray, depths.Slice(start, count), samples.Slice(start, count), scratch);
            }
            int baseIndex = row * corners;
            for (int x = 0; x < corners; x++) corner[baseIndex + x] = samples[x].Radiance.RawDensity >= rawThreshold;
            return scratch;
        }, giveBack);
        MarkCells(n);
        Dilate(n);
    }

    /// <summary>The raw σ threshold of a grid of <paramref name="resolution"/> cells (shared with the Vulkan kernels).</summary>
    public static float EmptyRawDensityFor(float boxWarp, float densityBias, int resolution)
    {
        float threshold = OccupiedOpticalDepth / (boxWarp / resolution * MathF.Sqrt(3f));
        // softplus(x + bias) ≥ threshold ⇔ x ≥ log(expm1(threshold)) − bias: one comparison per corner on raw σ.
        return MathF.Log(MathF.Exp(threshold) - 1f) - densityBias;
    }

    private void MarkCells(int n)
    {
        int c = n + 1;
        for (int z = 0; z < n; z++)
        for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
        {
            bool any = false;
            for (int dz = 0; dz < 2 && !any; dz++)
            for (int dy = 0; dy < 2; dy++)
            {
                int i = ((z + dz) * c + y + dy) * c + x;
                any |= _corner[i] | _corner[i + 1];
            }
            _core[(z * n + y) * n + x] = any;
        }
    }

    /// <summary>A 3×3×3 max filter, as three separable passes of 3 along x, y and z.</summary>
    private void Dilate(int n)
    {
        DilateAxis(_core, _dilated, n, 1);
        DilateAxis(_dilated, _scratch, n, n);
        DilateAxis(_scratch, _dilated, n, n * n);
    }

    private static void DilateAxis(bool[] source, bool[] target, int n, int stride)
    {
        for (int i = 0; i < source.Length; i++)
        {
            int coordinate = i / stride % n;
            target[i] = source[i] || (coordinate > 0 && source[i - stride]) || (coordinate < n - 1 && source[i + stride]);
        }
    }

    /// <summary>Whether cell (x, y, z) (0…n − 1 each, x fastest) may hold density.</summary>
    public bool IsOccupied(int x, int y, int z) => _dilated[(z * Resolution + y) * Resolution + x];

    /// <summary>Whether cell (x, y, z) holds a corner with density itself (before the dilation).</summary>
    public bool IsCore(int x, int y, int z) => _core[(z * Resolution + y) * Resolution + x];

    /// <summary>The occupied stretches of <paramref name="ray"/> within [start, end] (a segment inside the box).</summary>
    public OccupiedRuns Runs(in Ray ray, float start, float end) => new(this, ray, start, end, _half);

    /// <summary>The stretches of <paramref name="ray"/> within [start, end] whose cells hold density themselves (no dilation).</summary>
    public OccupiedRuns CoreRuns(in Ray ray, float start, float end) => new(this, ray, start, end, _half, core: true);

    private static void Resize(ref bool[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new bool[length];
    }
}
