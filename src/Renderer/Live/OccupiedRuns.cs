using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// Walks a ray through an <see cref="OccupancyGrid"/> cell by cell (Amanatides &amp; Woo, "A Fast Voxel Traversal
/// Algorithm for Ray Tracing", 1987) and hands out each run of consecutive occupied cells as a depth interval. Empty
/// cells cost a few comparisons and no field query.
/// </summary>
internal struct OccupiedRuns
{
    private readonly OccupancyGrid _grid;
    private readonly bool _core;
    private readonly float _end;
    private int _x, _y, _z;
    private readonly int _stepX, _stepY, _stepZ;
    private float _nextX, _nextY, _nextZ;
    private readonly float _deltaX, _deltaY, _deltaZ;
    private float _t;
    private bool _done;

    /// <param name="core">Walk the cells the field itself marked, before dilation (<see cref="OccupancyGrid.CoreRuns"/>).</param>
    public OccupiedRuns(OccupancyGrid grid, in Ray ray, float start, float end, float half, bool core = false)
    {
        _grid = grid;
        _core = core;
        _end = end;
        _t = start;
        _done = !(end > start);
        float cell = grid.CellSize;
        int n = grid.Resolution;
        // The cell holding the segment's start, nudged along the ray: a start exactly on a box face belongs inside.
        var p = ray.At(start + 1e-4f * cell);
        (_x, _stepX, _nextX, _deltaX) = Axis(p.X, ray.Origin.X, ray.Direction.X, half, cell, n);
        (_y, _stepY, _nextY, _deltaY) = Axis(p.Y, ray.Origin.Y, ray.Direction.Y, half, cell, n);
        (_z, _stepZ, _nextZ, _deltaZ) = Axis(p.Z, ray.Origin.Z, ray.Direction.Z, half, cell, n);
    }

    private static (int Cell, int Step, float Next, float Delta) Axis(float position, float origin, float direction, float half, float cell, int n)
    {
        int index = Math.Clamp((int)MathF.Floor((position + half) / cell), 0, n - 1);
        if (direction == 0f)
        {
            return (index, 0, float.PositiveInfinity, float.PositiveInfinity);
        }
        int step = direction > 0f ? 1 : -1;
        float boundary = (index + (step > 0 ? 1 : 0)) * cell - half;
        return (index, step, (boundary - origin) / direction, cell / MathF.Abs(direction));
    }

    /// <summary>The next run of occupied cells, clipped to the segment; false once the ray has left the grid or the segment.</summary>
    public bool TryNext(out float runStart, out float runEnd)
    {
        runStart = runEnd = 0f;
        bool inRun = false;
        while (!_done)
        {
            bool occupied = _core ? _grid.IsCore(_x, _y, _z) : _grid.IsOccupied(_x, _y, _z);
            float exit = MathF.Min(MathF.Min(_nextX, _nextY), _nextZ);
            float cellStart = _t;
            float cellEnd = MathF.Min(exit, _end);
            if (occupied && !inRun)
            {
                inRun = true;
                runStart = cellStart;
            }
            if (occupied)
            {
                runEnd = cellEnd;
            }
            Advance(exit);
            if (inRun && (!occupied || _done))
            {
                return true;
            }
        }
        return inRun;
    }

    private void Advance(float exit)
    {
        _t = exit;
        if (!(exit < _end))
        {
            _done = true;
            return;
        }
        int n = _grid.Resolution;
        if (_nextX <= _nextY && _nextX <= _nextZ)
        {
            _x += _stepX;
            _nextX += _deltaX;
            _done = (uint)_x >= (uint)n;
        }
        else if (_nextY <= _nextZ)
        {
            _y += _stepY;
            _nextY += _deltaY;
            _done = (uint)_y >= (uint)n;
        }
        else
        {
            _z += _stepZ;
            _nextZ += _deltaZ;
            _done = (uint)_z >= (uint)n;
        }
    }
}
