#version 450
#extension GL_GOOGLE_include_directive : require
// Render styles on the GPU: Styles/StyleShading.cs's pass, formula for formula (Styles/StyleFormulas.cs holds the
// constants; keep the two in step). Reads the render kernel's premultiplied RGBA8 and depth, writes the styled RGBA8 to
// its own buffer (a pixel reads its neighbours, so it cannot be styled in place). One invocation per output pixel, 8 × 8
// per workgroup. The CPU's per-pixel readings are computed once per pixel into workgroup memory and read there by the
// neighbours that need them, as the CPU's passes do through its scratch arrays: camera-space points and hits over the
// tile and a border of two (a neighbour's normal reads its own neighbours' points), then normals, straight colours and
// luminances over the tile and a border of one. (Before: each pixel recomputed its own and, for outline, its four
// neighbours' normals — 25 points a pixel; now 144 points and 100 normals per 64 pixels, for every style.)
// Camera space (EG3D/OpenCV): x right, y down, z forward; a pixel's point is its depth along its unit ray.

layout(push_constant) uniform Style
{
    uint width;
    uint height;
    float focalPixels;  // focal length in pixels (EG3D's normalised focal × image height)
    uint style;         // RenderStyle: 1 toon, 2 outline, 3 hologram, 4 sketch (0, none, is never dispatched)
    float principalX;   // image x of the principal point, pixels (off centre for a stereo eye's off-axis frustum)
    uint pixelBase;     // this picture's first pixel in the buffers (stereo eyes lie one after the other)
} frame;

layout(std430, binding = 0) readonly buffer Colour { uint colourIn[]; };
layout(std430, binding = 1) readonly buffer Depth { float depthIn[]; };
layout(std430, binding = 2) writeonly buffer Styled { uint styledOut[]; };

layout(local_size_x = 8, local_size_y = 8) in;

const uint TOON = 1u, OUTLINE = 2u, HOLOGRAM = 3u, SKETCH = 4u;
const float PI = 3.14159265358979;
const vec3 FACING = vec3(0.0, 0.0, -1.0);
const vec3 LIGHT = normalize(vec3(-0.35, -0.45, -0.82));
const vec3 INK = vec3(0.06, 0.05, 0.08);
const vec3 HOLOGRAM_TINT = vec3(0.55, 1.0, 1.0);
const vec3 PAPER = vec3(0.97, 0.95, 0.9);
const float BAND_RAMP = 0.12;
const float TOON_BANDS = 3.0;
const float TOON_COLOUR_LEVELS = 5.0;
const float TOON_DARKEST = 0.02;
const float DEPTH_LINE_START = 3.0, DEPTH_LINE_FULL = 8.0;
const float CREASE_LINE_START = 0.15, CREASE_LINE_FULL = 0.4;
const int SCAN_PERIOD = 3;
const int HATCH_PERIOD = 5;

#include "picture.glsl"

// PictureFrame.Straight: straight colour (rgb) and opacity (a); 0 where transparent.
vec4 straight(uint i)
{
    vec4 premultiplied = unpackUnorm4x8(colourIn[i]);
    if (premultiplied.a <= 0.0)
    {
        return vec4(0.0);
    }
    return vec4(min(premultiplied.rgb / premultiplied.a, vec3(1.0)), premultiplied.a);
}

// StyleFormulas.BlendSteps: the one-sided differences weighted by 1 / (footprint² + Δz²).
vec3 blendSteps(vec3 ahead, vec3 back, float footprint)
{
    float wa = 1.0 / (footprint * footprint + ahead.z * ahead.z);
    float wb = 1.0 / (footprint * footprint + back.z * back.z);
    return (wa * ahead + wb * back) / (wa + wb);
}

const int LOCAL = 8;                     // local_size_x and _y
const int POINT_SIDE = LOCAL + 4;        // the tile and a border of two
const int NORMAL_SIDE = LOCAL + 2;       // the tile and a border of one
shared vec3 tilePoint[POINT_SIDE * POINT_SIDE];
shared bool tileHit[POINT_SIDE * POINT_SIDE];    // false outside the picture
shared vec3 tileNormal[NORMAL_SIDE * NORMAL_SIDE];
shared vec4 tileStraight[NORMAL_SIDE * NORMAL_SIDE];
shared float tileLuminance[NORMAL_SIDE * NORMAL_SIDE];

// The picture's pixel (x, y) in the point and normal tiles of the workgroup whose first pixel is origin.
int pointCell(ivec2 origin, int x, int y) { return (y - origin.y + 2) * POINT_SIDE + (x - origin.x + 2); }
int normalCell(ivec2 origin, int x, int y) { return (y - origin.y + 1) * NORMAL_SIDE + (x - origin.x + 1); }

// PictureFrame.Step: p's step toward the "after" neighbour from the hit neighbours' one-sided differences.
vec3 surfaceStep(ivec2 origin, vec3 p, ivec2 before, ivec2 after, vec3 fallback, float footprint)
{
    int b = pointCell(origin, before.x, before.y), a = pointCell(origin, after.x, after.y);
    bool hasBefore = tileHit[b];
    bool hasAfter = tileHit[a];
    vec3 back = hasBefore ? p - tilePoint[b] : fallback;
    vec3 ahead = hasAfter ? tilePoint[a] - p : fallback;
    if (hasBefore && hasAfter)
    {
        return blendSteps(ahead, back, footprint);
    }
    return hasAfter ? ahead : back;
}

// StyleFormulas.NormalFrom.
vec3 normalFrom(vec3 dx, vec3 dy)
{
    vec3 n = cross(dy, dx);
    float len = length(n);
    return len > 1e-12 ? n / len : FACING;
}

// PictureFrame.Normal, from the point tile (pixel (x, y) within a border of one of the tile).
vec3 pixelNormal(ivec2 origin, int x, int y)
{
    int c = pointCell(origin, x, y);
    if (!tileHit[c])
    {
        return FACING;
    }
    vec3 p = tilePoint[c];
    float footprint = depthIn[at(x, y)] / frame.focalPixels;
    return normalFrom(surfaceStep(origin, p, ivec2(x - 1, y), ivec2(x + 1, y), vec3(1.0, 0.0, 0.0), footprint),
                      surfaceStep(origin, p, ivec2(x, y - 1), ivec2(x, y + 1), vec3(0.0, 1.0, 0.0), footprint));
}

float quantise(float x, float levels)
{
    float s = x * levels;
    float whole = floor(s);
    return (whole + smoothstep(0.5 - BAND_RAMP, 0.5 + BAND_RAMP, s - whole)) / levels;
}

float luminance(vec3 c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b; }
float lambert(vec3 normal) { return max(dot(normal, LIGHT), 0.0); }

vec4 toon(vec3 colour, float alpha, vec3 normal)
{
    float band = quantise(0.3 + 0.7 * lambert(normal), TOON_BANDS);
    float lum = luminance(colour);
    vec3 vivid = max(vec3(lum) + 1.3 * (colour - vec3(lum)), vec3(0.0));
    vec3 poster = vivid * (quantise(lum, TOON_COLOUR_LEVELS) / max(lum, TOON_DARKEST));
    vec3 lit = clamp(poster * (0.45 + 0.65 * band), vec3(0.0), vec3(1.0));
    return vec4(alpha * lit, alpha);
}

// Lines from the largest difference to the four neighbours: each ramp rises with its difference (StyleFormulas).
float silhouetteLine(float alphaJump) { return smoothstep(0.25, 0.75, alphaJump); }

float outlineLine(float alphaJump, float footprints, float crease)
{
    return max(silhouetteLine(alphaJump),
        max(smoothstep(DEPTH_LINE_START, DEPTH_LINE_FULL, footprints), smoothstep(CREASE_LINE_START, CREASE_LINE_FULL, crease)));
}

vec4 over(vec3 ink, float line, vec3 premultiplied, float alpha)
{
    return vec4(line * ink + (1.0 - line) * premultiplied, line + (1.0 - line) * alpha);
}

vec4 hologram(vec3 colour, float alpha, vec3 normal, int y)
{
    float lum = luminance(colour);
    float rim = (1.0 - abs(normal.z)) * (1.0 - abs(normal.z));
    float scan = 0.5 + 0.5 * cos(2.0 * PI * (float(y % SCAN_PERIOD) + 0.5) / float(SCAN_PERIOD));
    vec3 tinted = min(HOLOGRAM_TINT * ((0.1 + 1.1 * lum) * (0.9 + 0.1 * scan) + 0.6 * rim), vec3(1.0));
    float opacity = alpha * clamp(0.8 + 0.1 * scan + 0.3 * rim, 0.0, 1.0);
    return vec4(opacity * tinted, opacity);
}

vec4 sketch(vec3 colour, float alpha, vec3 normal, vec4 around, float silhouette, int x, int y)
{
    float lum = luminance(colour);
    float gradient = abs(around.y - around.x) + abs(around.w - around.z);
    float stroke = max(smoothstep(0.06, 0.25, gradient), silhouette);
    float shade = lum * (0.6 + 0.4 * lambert(normal));
    // (x − y) mod period, kept non-negative without GLSL's undefined % on negative operands.
    int phase = (x + HATCH_PERIOD * int(frame.height) - y) % HATCH_PERIOD;
    float pattern = smoothstep(0.55, 0.95, 0.5 + 0.5 * sin(2.0 * PI * float(phase) / float(HATCH_PERIOD)));
    float hatch = pattern * (1.0 - smoothstep(0.2, 0.55, shade));
    float graphite = (0.25 + 0.75 * lum) * (1.0 - 0.85 * stroke) * (1.0 - 0.45 * hatch);
    float opacity = max(alpha, silhouette);
    return vec4(opacity * PAPER * graphite, opacity);
}

void main()
{
    ivec2 origin = ivec2(gl_WorkGroupID.xy) * LOCAL;
    // (1) Points and hits over the tile and a border of two.
    for (int c = int(gl_LocalInvocationIndex); c < POINT_SIDE * POINT_SIDE; c += LOCAL * LOCAL)
    {
        ivec2 p = origin - 2 + ivec2(c % POINT_SIDE, c / POINT_SIDE);
        bool h = inPicture(p) && hit(at(p.x, p.y));
        tileHit[c] = h;
        tilePoint[c] = h ? pixelPoint(p.x, p.y) : vec3(0.0);
    }
    memoryBarrierShared();
    barrier();
    // (2) Normals, straight colours and luminances over the tile and a border of one (only inside the picture: every
    // neighbour a pixel reads is clamped into it).
    for (int c = int(gl_LocalInvocationIndex); c < NORMAL_SIDE * NORMAL_SIDE; c += LOCAL * LOCAL)
    {
        ivec2 p = origin - 1 + ivec2(c % NORMAL_SIDE, c / NORMAL_SIDE);
        if (inPicture(p))
        {
            tileNormal[c] = pixelNormal(origin, p.x, p.y);
            vec4 s = straight(at(p.x, p.y));
            tileStraight[c] = s;
            tileLuminance[c] = luminance(s.rgb);
        }
    }
    memoryBarrierShared();
    barrier();
    // (3) The style, from the pixel's and its four neighbours' readings (after the barriers: every invocation reaches them).
    if (gl_GlobalInvocationID.x >= frame.width || gl_GlobalInvocationID.y >= frame.height)
    {
        return;
    }
    int x = int(gl_GlobalInvocationID.x);
    int y = int(gl_GlobalInvocationID.y);
    uint i = at(x, y);
    int self = normalCell(origin, x, y);
    vec4 centre = tileStraight[self];
    vec3 normal = tileNormal[self];
    // The four neighbours left, right, up, down, clamped to the picture: a neighbour off its edge is the pixel itself.
    ivec2 aroundXy[4] = ivec2[4](ivec2(max(x - 1, 0), y), ivec2(min(x + 1, int(frame.width) - 1), y),
                                 ivec2(x, max(y - 1, 0)), ivec2(x, min(y + 1, int(frame.height) - 1)));
    vec4 styled;
    if (frame.style == TOON)
    {
        styled = toon(centre.rgb, centre.a, normal);
    }
    else if (frame.style == HOLOGRAM)
    {
        styled = hologram(centre.rgb, centre.a, normal, y);
    }
    else if (frame.style == OUTLINE)
    {
        float alphaJump = 0.0, depthJump = 0.0, crease = 0.0;
        bool centreHit = tileHit[pointCell(origin, x, y)];
        for (int n = 0; n < 4; n++)
        {
            int k = normalCell(origin, aroundXy[n].x, aroundXy[n].y);
            alphaJump = max(alphaJump, abs(tileStraight[k].a - centre.a));
            if (centreHit && tileHit[pointCell(origin, aroundXy[n].x, aroundXy[n].y)])
            {
                depthJump = max(depthJump, abs(depthIn[at(aroundXy[n].x, aroundXy[n].y)] - depthIn[i]));
                crease = max(crease, 1.0 - dot(normal, tileNormal[k]));
            }
        }
        float footprints = centreHit ? depthJump * frame.focalPixels / depthIn[i] : 0.0;
        float line = outlineLine(alphaJump, footprints, crease);
        styled = over(INK, line, centre.a * centre.rgb, centre.a);
    }
    else
    {
        float lum = tileLuminance[self];
        float alphaJump = 0.0;
        vec4 lums;
        for (int n = 0; n < 4; n++)
        {
            int k = normalCell(origin, aroundXy[n].x, aroundXy[n].y);
            alphaJump = max(alphaJump, abs(tileStraight[k].a - centre.a));
            lums[n] = tileStraight[k].a > 0.0 ? tileLuminance[k] : lum;
        }
        styled = sketch(centre.rgb, centre.a, normal, lums, silhouetteLine(alphaJump), x, y);
    }
    styledOut[i] = packColour(styled);
}
