// The renderer's interface: specialization constants (fixed per pipeline), push constants (per frame) and storage
// buffers. Host mirror: Vulkan/RenderPushConstants.cs and Vulkan/RenderPipelineKey.cs; keep them in step.
// Units: world units (EG3D's), depths along unit-length rays; pixel (x, y) with y down, index y * width + x.
#ifndef PARAMS_GLSL
#define PARAMS_GLSL

layout(constant_id = 0) const int COARSE = 48;      // stratified samples per ray (≥ 4)
layout(constant_id = 1) const int IMPORTANCE = 48;  // importance samples per ray (≥ 0)
layout(constant_id = 2) const int CHANNELS = 32;    // triplane channels C (even when FP16)
layout(constant_id = 3) const int HIDDEN = 64;      // decoder hidden width
layout(constant_id = 4) const int PLANES = 3;       // planes in the triplane stack (≤ 8)
layout(constant_id = 5) const bool FP16 = false;    // texels stored as packed half pairs

layout(push_constant) uniform Frame
{
    vec4 origin;        // camera centre (xyz)
    vec4 right;         // camera +x in world space (xyz), unit
    vec4 down;          // camera +y (down on screen), unit
    vec4 forward;       // viewing direction, unit
    float focalPixels;  // focal length in pixels (EG3D's normalised focal × image height)
    uint width;
    uint height;
    uint seed;
    float near;         // depth range before clipping to the box
    float far;
    float boxWarp;      // side of the cube the planes cover
    float densityBias;  // EG3D: −1 in softplus(σ − 1)
    uint resolution;    // plane side R
    uint planeAxes;     // plane p: bits 4p..4p+1 = U axis, 4p+2..4p+3 = V axis (0 = x, 1 = y, 2 = z)
} frame;

// Texels channel-last, [plane][v][u][C]: fp32 as float bits, or fp16 as C/2 words of two halves each.
layout(std430, binding = 0) readonly buffer Planes { uint planeWords[]; };
// Decoder: W1 [HIDDEN][CHANNELS], b1 [HIDDEN], W2 rows 0..3 [4][HIDDEN] (σ, r, g, b), b2[0..3].
layout(std430, binding = 1) readonly buffer Decoder { float decoder[]; };
// Output per pixel: RGBA8 (premultiplied colour over black, alpha = opacity) and depth (+∞ where nothing was hit).
layout(std430, binding = 2) writeonly buffer Colour { uint colourOut[]; };
layout(std430, binding = 3) writeonly buffer Depth { float depthOut[]; };

#endif
