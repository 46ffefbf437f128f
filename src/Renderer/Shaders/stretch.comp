#version 450
#extension GL_GOOGLE_include_directive : require
// Stretch smoothing on the GPU: Stretch/StretchSmoothing.cs's two passes, formula for formula (Stretch/StretchFormulas.cs
// holds the constants; keep the two in step). Phase 0 writes each pixel's blur (axis, half-length, stretch) from the
// render kernel's depth; phase 1 blurs the render kernel's premultiplied RGBA8 along it into its own buffer (a pixel
// reads its neighbours' colour and blur, so it cannot be smoothed in place). One invocation per output pixel, 8 × 8
// per workgroup. Camera space (EG3D/OpenCV): x right, y down, z forward; a pixel's point is its depth along its unit
// ray; worldX and worldY turn a camera-space vector into world x and y (rows of the pose's rotation).

layout(push_constant) uniform Stretch
{
    vec4 worldX;        // xyz: world x of camera-space x, y, z (the pose's Right.X, Down.X, Forward.X)
    vec4 worldY;        // xyz: world y of the same
    uint width;
    uint height;
    float focalPixels;  // focal length in pixels (EG3D's normalised focal × image height)
    float principalX;   // image x of the principal point, pixels (off centre for a stereo eye's off-axis frustum)
    uint pixelBase;     // this picture's first pixel in the buffers (stereo eyes lie one after the other)
    uint phase;         // 0: estimate each pixel's blur; 1: blur
    float texel;        // the XY plane's texel side, world units
    uint unused;
} frame;

layout(std430, binding = 0) readonly buffer Colour { uint colourIn[]; };
layout(std430, binding = 1) readonly buffer Depth { float depthIn[]; };
layout(std430, binding = 2) buffer Blur { vec4 blur[]; };      // axis x, axis y, half-length (pixels), stretch
layout(std430, binding = 3) writeonly buffer Smoothed { uint smoothedOut[]; };

layout(local_size_x = 8, local_size_y = 8) in;

const int STENCIL = 2;
const float JUMP_TEXELS = 6.0;
const float THRESHOLD = 2.0;
const float TEXELS_PER_STRETCH = 1.2;
const float MAX_TEXELS = 7.0;
const float NEIGHBOUR_STRETCH = 1.2;
const float MIN_LENGTH = 0.25;

#include "picture.glsl"

vec2 worldXy(vec3 v) { return vec2(dot(frame.worldX.xyz, v), dot(frame.worldY.xyz, v)); }

// StretchSmoothing.Near: a hit neighbour on this surface.
bool near(ivec2 q, vec3 p, float reach)
{
    return inPicture(q) && hit(at(q.x, q.y)) && distance(pixelPoint(q.x, q.y), p) < reach;
}

// StretchSmoothing.Derivative: world (x, y) per pixel along step; found = false with neither neighbour.
vec2 derivative(ivec2 xy, ivec2 step, vec3 p, float reach, out bool found)
{
    ivec2 b = xy - step, a = xy + step;
    bool before = near(b, p, reach), after = near(a, p, reach);
    float span = float(step.x + step.y);
    found = before || after;
    if (before && after)
    {
        return worldXy(pixelPoint(a.x, a.y) - pixelPoint(b.x, b.y)) / (2.0 * span);
    }
    if (after)
    {
        return worldXy(pixelPoint(a.x, a.y) - p) / span;
    }
    return before ? worldXy(p - pixelPoint(b.x, b.y)) / span : vec2(0.0);
}

// StretchFormulas.Estimate.
vec4 estimate(vec2 du, vec2 dv, float footprint)
{
    vec2 a = du / footprint, b = dv / footprint;
    float p11 = dot(a, a), p12 = dot(a, b), p22 = dot(b, b);
    float mean = 0.5 * (p11 + p22), half_ = 0.5 * (p11 - p22);
    float root = sqrt(half_ * half_ + p12 * p12);
    float large = mean + root, small_ = max(mean - root, 0.0);
    float stretch = 1.0 / max(sqrt(small_), 1e-3);
    if (!(stretch > THRESHOLD))
    {
        return vec4(0.0, 0.0, 0.0, stretch);
    }
    vec2 axis = abs(p12) > 1e-12 ? vec2(p12, large - p11) : (p11 >= p22 ? vec2(1.0, 0.0) : vec2(0.0, 1.0));
    float len = min(MAX_TEXELS, TEXELS_PER_STRETCH * (stretch - THRESHOLD)) * frame.texel / footprint;
    return vec4(normalize(axis), len, stretch);
}

void main()
{
    if (gl_GlobalInvocationID.x >= frame.width || gl_GlobalInvocationID.y >= frame.height)
    {
        return;
    }
    ivec2 xy = ivec2(gl_GlobalInvocationID.xy);
    uint i = at(xy.x, xy.y);
    if (frame.phase == 0u)
    {
        vec4 result = vec4(0.0);
        if (hit(i))
        {
            vec3 p = pixelPoint(xy.x, xy.y);
            float reach = JUMP_TEXELS * float(STENCIL) * frame.texel;
            bool hasU, hasV;
            vec2 du = derivative(xy, ivec2(STENCIL, 0), p, reach, hasU);
            vec2 dv = derivative(xy, ivec2(0, STENCIL), p, reach, hasV);
            if (hasU && hasV)
            {
                result = estimate(du, dv, depthIn[i] / frame.focalPixels);
            }
        }
        blur[i] = result;
        return;
    }
    uint packed = colourIn[i];
    vec4 b = blur[i];
    if (!(b.z > MIN_LENGTH))
    {
        smoothedOut[i] = packed;
        return;
    }
    float alpha = float(packed >> 24u) / 255.0;
    vec3 sum = vec3(0.0);
    float weights = 0.0;
    int taps = int(ceil(b.z));
    for (int k = -taps; k <= taps; k++)
    {
        ivec2 s = ivec2(floor(vec2(xy) + float(k) * b.xy + 0.5));
        if (!inPicture(s))
        {
            continue;
        }
        uint j = at(s.x, s.y);
        if (!hit(j) || !(blur[j].w > NEIGHBOUR_STRETCH))
        {
            continue;
        }
        float weight = exp(-2.0 * float(k * k) / (b.z * b.z));
        uint c = colourIn[j];
        vec3 bytes = vec3(float(c & 255u), float((c >> 8u) & 255u), float((c >> 16u) & 255u));
        sum += weight / float(c >> 24u) * bytes;
        weights += weight;
    }
    vec3 colour = sum / weights * alpha;
    smoothedOut[i] = packColour(vec4(colour, alpha));
}
