// The renderer's interface: specialization constants (fixed per pipeline), push constants (per frame) and storage
// buffers. Host mirror: Vulkan/RenderPushConstants.cs and Vulkan/RenderPipelineKey.cs; keep them in step.
// Units: world units (EG3D's), depths along unit-length rays; pixel (x, y) with y down, index y * width + x (output
// index pixelBase + that: a stereo frame's eyes lie one after the other, the host lays them side by side).
#ifndef PARAMS_GLSL
#define PARAMS_GLSL

layout(constant_id = 0) const int COARSE = 48;      // stratified samples per ray (≥ 4)
layout(constant_id = 1) const int IMPORTANCE = 48;  // importance samples per ray (≥ 0)
layout(constant_id = 2) const int CHANNELS = 32;    // triplane channels C, zero-padded by the host to a multiple of 4
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
    uint planeAxes;     // plane p: bits 4p..4p+1 = U axis, 4p+2..4p+3 = V axis (0 = x, 1 = y, 2 = z); U = 3: all zeros, not sampled
    float principalShift; // principal point's x right of the image centre, pixels (a stereo eye's off-axis frustum)
    uint pixelBase;     // where this picture starts in the output buffers: eye · width · height for stereo
#ifdef FRAME_EXTENSION
    FRAME_EXTENSION     // a kernel's own fields after the shared ones (live_params.glsl); render.comp defines none
#endif
} frame;

const int CHANNEL_QUADS = CHANNELS / 4;

// Texels channel-last, [plane][v][u][C], read four channels per load (one 16-byte load of fp32, or one 8-byte load of
// four fp16): vector loads are what GPUs coalesce best and cut llvmpipe's per-lane gathers by four. Two views of one
// binding (the Vulkan spec, "Shader Resource Interface", lets several variables share a descriptor); FP16 picks one at pipeline creation.
layout(std430, binding = 0) readonly buffer Planes { vec4 planeQuads[]; };
layout(std430, binding = 0) readonly buffer PlanesHalf { uvec2 planeHalfQuads[]; };
// Decoder, read as vec4 quads where it can be: W1 [HIDDEN][CHANNELS] (rows zero-padded like the planes); then per
// hidden unit o the vec4 (W2[0][o], W2[1][o], W2[2][o], W2[3][o]) of its weights into σ, r, g, b; b2[0..3]; b1 [HIDDEN].
layout(std430, binding = 1) readonly buffer Decoder { float decoder[]; };
layout(std430, binding = 1) readonly buffer DecoderQuads { vec4 decoderQuads[]; };
// Output per pixel: RGBA8 (premultiplied colour over black, alpha = opacity) and depth (+∞ where nothing was hit).
layout(std430, binding = 2) writeonly buffer Colour { uint colourOut[]; };
layout(std430, binding = 3) writeonly buffer Depth { float depthOut[]; };

#endif
