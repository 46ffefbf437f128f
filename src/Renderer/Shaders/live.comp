#version 450
// Live sampler, dispatch C: the whole render of a frame in one fused kernel, as Live/LiveFrameRenderer.cs on the CPU.
// Each workgroup owns a TILE × TILE tile of output pixels. (1) Geometry: its invocations march the geometry rays the
// tile's pixels interpolate between (output size / GEOMETRY_DIVISOR, the tile's share plus a border of one) into
// shared memory; a border ray is marched by each tile that needs it, which costs less than a second dispatch's round
// trip through memory. (2) Output, per pixel from its four nearest geometry rays: all empty → background; all sharp,
// opaque and within SMOOTH_SURFACE_PIXELS footprints → one field query at their bilinear depth along the pixel's own
// ray (deferred shading); else the pixel's own march, seeded SEED_MARGIN steps before the nearest neighbour's surface.
// Camera (EG3D/OpenCV): x right, y down, z forward; image point (px, py) in pixels from the top-left corner.
#extension GL_GOOGLE_include_directive : require
#include "live_params.glsl"
#include "field.glsl"
#include "sampling.glsl"
#include "march.glsl"

// Each invocation shades PER_SIDE × PER_SIDE pixels of the tile, PER_SIDE · 8 = TILE: a larger tile marches fewer
// border rays per pixel (at divisor 2, 10² geometry rays for 16² pixels rather than 6² for 8²).
layout(local_size_x = 8, local_size_y = 8) in;
const int LOCAL = 8;
const int PER_SIDE = 2;
const int TILE = LOCAL * PER_SIDE;
// Geometry rays per tile side: TILE / divisor + 2 at most (TILE + 1 at divisor 1).
const int GEOMETRY_SIDE = TILE + 2;

shared float geometryDepth[GEOMETRY_SIDE * GEOMETRY_SIDE];
shared float geometryOpacity[GEOMETRY_SIDE * GEOMETRY_SIDE];
shared bool geometrySharp[GEOMETRY_SIDE * GEOMETRY_SIDE];

// RGBA bytes, R in the low byte, rounded as RenderTarget.Write: clamp(int(v · 255 + 0.5), 0, 255) (as render.comp).
uint packColour(vec3 colour, float opacity)
{
    uvec4 bytes = uvec4(clamp(vec4(colour, opacity) * 255.0 + 0.5, 0.0, 255.0));
    return bytes.r | (bytes.g << 8u) | (bytes.b << 16u) | (bytes.a << 24u);
}

// PinholeCamera.PointRay: the unit direction through image point p.
vec3 pointRay(vec2 p)
{
    vec3 lift = vec3((p - vec2(frame.principalShift, 0.0) - 0.5 * vec2(frame.width, frame.height)) / frame.focalPixels, 1.0);
    return normalize(lift.x * frame.right.xyz + lift.y * frame.down.xyz + lift.z * frame.forward.xyz);
}

// LiveFrameRenderer.MarchPixel: clip to the box, march (seeded when asked; leaping through empty space or not).
MarchedRay marchPixel(vec3 direction, bool leap, bool seeded, float seed)
{
    vec2 segment = clipToBox(frame.origin.xyz, direction);
    if (!(segment.y > segment.x))
    {
        return marchedEmpty();
    }
    return marchRay(frame.origin.xyz, direction, segment.x, segment.y, leap, seeded, seed);
}

// The continuous geometry coordinate of output coordinate x, and the lower of its two geometry neighbours.
float geometryCoordinate(uint x) { return (float(x) + 0.5) / float(GEOMETRY_DIVISOR) - 0.5; }
int lowerNeighbour(float g, int size) { return clamp(int(floor(g)), 0, size - 1); }

float bilinear(float a, float b, float c, float e, float fx, float fy)
{
    float top = a + fx * (b - a);
    float bottom = c + fx * (e - c);
    return top + fy * (bottom - top);
}

void main()
{
    int geometryWidth = (int(frame.width) + GEOMETRY_DIVISOR - 1) / GEOMETRY_DIVISOR;
    int geometryHeight = (int(frame.height) + GEOMETRY_DIVISOR - 1) / GEOMETRY_DIVISOR;
    uvec2 tile = gl_WorkGroupID.xy * uint(TILE);
    uvec2 tileLast = min(tile + uint(TILE - 1), uvec2(frame.width, frame.height) - 1u);
    // The geometry rays this tile's pixels read: from the first pixel's lower neighbour to the last pixel's upper one.
    ivec2 first = ivec2(lowerNeighbour(geometryCoordinate(tile.x), geometryWidth), lowerNeighbour(geometryCoordinate(tile.y), geometryHeight));
    ivec2 last = min(ivec2(lowerNeighbour(geometryCoordinate(tileLast.x), geometryWidth), lowerNeighbour(geometryCoordinate(tileLast.y), geometryHeight)) + 1,
                     ivec2(geometryWidth, geometryHeight) - 1);
    ivec2 span = min(last - first + 1, ivec2(GEOMETRY_SIDE));

    // (1) Geometry pass: geometry pixel (i, j) is the ray through the centre of output pixels [i·d, (i + 1)·d)².
    float d = float(GEOMETRY_DIVISOR);
    for (int g = int(gl_LocalInvocationIndex); g < span.x * span.y; g += LOCAL * LOCAL)
    {
        ivec2 ij = first + ivec2(g % span.x, g / span.x);
        MarchedRay ray = marchPixel(pointRay((vec2(ij) + 0.5) * d), true, false, 0.0);
        geometryDepth[g] = ray.depth;
        geometryOpacity[g] = ray.opacity;
        geometrySharp[g] = ray.sharp;
    }
    // Read-after-write on shared memory: every invocation's pixels read rays other invocations marched.
    memoryBarrierShared();
    barrier();

    // (2) Output pass.
    for (int sy = 0; sy < PER_SIDE; sy++)
    {
        for (int sx = 0; sx < PER_SIDE; sx++)
        {
            uvec2 xy = tile + gl_LocalInvocationID.xy + uvec2(sx, sy) * uint(LOCAL);
            if (xy.x >= frame.width || xy.y >= frame.height)
            {
                continue;
            }
            float gx = geometryCoordinate(xy.x);
            float gy = geometryCoordinate(xy.y);
            int i0 = lowerNeighbour(gx, geometryWidth);
            int j0 = lowerNeighbour(gy, geometryHeight);
            int i1 = min(i0 + 1, geometryWidth - 1);
            int j1 = min(j0 + 1, geometryHeight - 1);
            float fx = clamp(gx - float(i0), 0.0, 1.0);
            float fy = clamp(gy - float(j0), 0.0, 1.0);
            ivec2 low = clamp(ivec2(i0, j0) - first, ivec2(0), span - 1);
            ivec2 high = clamp(ivec2(i1, j1) - first, ivec2(0), span - 1);
            int a = low.y * span.x + low.x, b = low.y * span.x + high.x, c = high.y * span.x + low.x, e = high.y * span.x + high.x;
            vec4 opacity = vec4(geometryOpacity[a], geometryOpacity[b], geometryOpacity[c], geometryOpacity[e]);
            vec4 depth = vec4(geometryDepth[a], geometryDepth[b], geometryDepth[c], geometryDepth[e]);
            uint pixel = frame.pixelBase + xy.y * frame.width + xy.x;
            if (all(lessThan(opacity, vec4(EMPTY_OPACITY))))
            {
                colourOut[pixel] = 0u;
                depthOut[pixel] = NO_HIT_DEPTH;
                continue;
            }
            vec3 direction = pointRay(vec2(xy) + 0.5);
            float near = min(min(depth.x, depth.y), min(depth.z, depth.w));
            float far = max(max(depth.x, depth.y), max(depth.z, depth.w));
            bool smoothSurface = geometrySharp[a] && geometrySharp[b] && geometrySharp[c] && geometrySharp[e]
                && all(greaterThanEqual(opacity, vec4(OPAQUE_OPACITY)))
                && far - near <= SMOOTH_SURFACE_PIXELS * far / frame.geometryFocalPixels;
            if (smoothSurface)
            {
                // Deferred shading: one query where the pixel's own ray meets the interpolated surface.
                float t = bilinear(depth.x, depth.y, depth.z, depth.w, fx, fy);
                float alpha = bilinear(opacity.x, opacity.y, opacity.z, opacity.w, fx, fy);
                vec4 value = queryField(frame.origin.xyz + t * direction);
                colourOut[pixel] = packColour(alpha * value.yzw, alpha);
                depthOut[pixel] = t;
                continue;
            }
            // The nearest of the neighbours' surfaces, less a margin, seeds this pixel's march (checked there).
            bool seeded = all(greaterThanEqual(opacity, vec4(EMPTY_OPACITY)));
            MarchedRay ray = marchPixel(direction, false, seeded, near - SEED_MARGIN * frame.marchStep);
            colourOut[pixel] = packColour(ray.colour, ray.opacity);
            depthOut[pixel] = ray.depth;
        }
    }
}
