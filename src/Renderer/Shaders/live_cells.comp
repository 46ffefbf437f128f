#version 450
// Live sampler, dispatch B: a cell is occupied when one of its 8 corners is (OccupancyGrid.MarkCells), then dilated by
// the 3×3×3 max filter (OccupancyGrid.Dilate). Fused: a dilated cell is occupied when any corner of the cells around
// it is, i.e. any corner in [c − 1, c + 2] per axis, clipped to the lattice — the same set the CPU's passes reach.
#extension GL_GOOGLE_include_directive : require
#include "live_params.glsl"

layout(local_size_x = 64) in;

void main()
{
    uint n = uint(GRID);
    uint index = gl_GlobalInvocationID.x;
    if (index >= n * n * n)
    {
        return;
    }
    ivec3 cell = ivec3(index % n, index / n % n, index / (n * n));
    ivec3 low = max(cell - 1, ivec3(0));
    ivec3 high = min(cell + 1, ivec3(GRID - 1)) + 1;
    int corners = GRID + 1;
    uint any = 0u;
    for (int z = low.z; z <= high.z; z++)
    {
        for (int y = low.y; y <= high.y; y++)
        {
            for (int x = low.x; x <= high.x; x++)
            {
                any |= cornerOccupied[(z * corners + y) * corners + x];
            }
        }
    }
    cellOccupied[index] = any;
}
