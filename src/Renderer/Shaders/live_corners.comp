#version 450
// Live sampler, dispatch A of a frame: the field's raw σ at each corner of the occupancy grid's (GRID + 1)³ lattice,
// compared with the empty threshold, as OccupancyGrid.Build on the CPU (same corner positions: −box_warp/2 + i · cell).
// One invocation per corner, x fastest.
#extension GL_GOOGLE_include_directive : require
#include "live_params.glsl"
#include "field.glsl"

layout(local_size_x = 64) in;

void main()
{
    uint corners = uint(GRID + 1);
    uint index = gl_GlobalInvocationID.x;
    if (index >= corners * corners * corners)
    {
        return;
    }
    uint x = index % corners;
    uint y = index / corners % corners;
    uint z = index / (corners * corners);
    float half_ = 0.5 * frame.boxWarp;
    vec3 p = vec3(-half_) + vec3(uvec3(x, y, z)) * frame.cellSize;
    cornerOccupied[index] = queryField(p).x >= frame.emptyRawDensity ? 1u : 0u;
}
