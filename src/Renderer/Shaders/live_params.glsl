// The live sampler's interface (Live/*.cs on the CPU): the shared frame block of params.glsl plus four host-computed
// floats, the live settings and the CPU's thresholds as specialization constants, and the occupancy grid's buffers.
// Host mirror: Vulkan/LivePushConstants.cs and Vulkan/LivePipelineKey.cs; keep them in step. The float constants'
// defaults are only placeholders: the host always passes the C# constants' bits, so neither side duplicates them.
#ifndef LIVE_PARAMS_GLSL
#define LIVE_PARAMS_GLSL

// Computed on the host with the CPU's float formulas, so the thresholds are bit-identical on both renderers.
#define FRAME_EXTENSION \
    float marchStep;            /* box_warp / MarchResolution (SurfaceMarcher.Step) */ \
    float cellSize;             /* box_warp / GridResolution (OccupancyGrid.CellSize) */ \
    float emptyRawDensity;      /* raw σ below which a point is empty (OccupancyGrid.EmptyRawDensity) */ \
    float geometryFocalPixels;  /* focal length in geometry pixels: focalPixels / GeometryDivisor */
#include "params.glsl"

layout(constant_id = 6) const int GRID = 32;                   // LiveSampling.GridResolution, cells per side
layout(constant_id = 7) const int BAND_SUBDIVISIONS = 3;       // LiveSampling.BandSubdivisions
layout(constant_id = 8) const int GEOMETRY_DIVISOR = 2;        // LiveSampling.GeometryDivisor
layout(constant_id = 9) const int MARCH_CAPACITY = 268;        // MarchScratch.CapacityFor(settings): samples a march keeps
layout(constant_id = 10) const float EMPTY_OPACITY = 0.0;      // SurfaceMarcher.EmptyOpacity
layout(constant_id = 11) const float OPAQUE_OPACITY = 1.0;     // LiveFrameRenderer.OpaqueOpacity
layout(constant_id = 12) const float STOP_TRANSMITTANCE = 0.0; // SurfaceMarcher.StopTransmittance
layout(constant_id = 13) const float BAND_WEIGHT_SHARE = 0.0;  // SurfaceMarcher.BandWeightShare
layout(constant_id = 14) const float SMOOTH_SURFACE_PIXELS = 0.0; // LiveFrameRenderer.SmoothSurfacePixels
layout(constant_id = 15) const float SEED_MARGIN = 0.0;        // LiveFrameRenderer.SeedMargin

// The occupancy grid: per corner of the (GRID + 1)³ lattice and per cell of the GRID³ grid (x fastest, then y, z),
// 1 where the field may hold density. Corners are only the grid kernels' scratch; the live kernel reads the cells.
layout(std430, binding = 4) buffer Corners { uint cornerOccupied[]; };
layout(std430, binding = 5) buffer Cells { uint cellOccupied[]; };

// +∞, the CPU's CompositedRay.BackgroundDepth (a division by zero would be folded with a warning).
#define NO_HIT_DEPTH uintBitsToFloat(0x7f800000u)

#endif
