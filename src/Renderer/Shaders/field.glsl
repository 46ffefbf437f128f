// Radiance field query, as the CPU reference's Field/TriplaneField.cs and Field/RadianceDecoder.cs (EG3D's
// sample_from_planes + OSGDecoder): scale p by 2 / box_warp, project on each plane's declared axes, grid_sample
// bilinear with align_corners=False and zero padding, mean over planes; then h = softplus(W1·f + b1),
// o = W2·h + b2, σ = o[0] (raw), rgb = sigmoid(o[1..3]) · 1.002 − 0.001.
#ifndef FIELD_GLSL
#define FIELD_GLSL
#extension GL_EXT_control_flow_attributes : require
#include "params.glsl"

float softplus(float x) { return max(x, 0.0) + log(1.0 + exp(-abs(x))); }

float colourActivation(float x) { return 1.002 / (1.0 + exp(-x)) - 0.001; }

// Invocation-private scratch: the mean triplane features at the current point, four channels per vec4 (GLSL passes
// arrays by value, so the helpers below share this instead of taking it as a parameter). Every loop over it is
// [[unroll]]ed: with CHANNELS specialised, each index is then a constant and the array lives in registers; a
// dynamically indexed private array is lowered to scratch memory or compare-and-select ladders (llvmpipe).
vec4 features[CHANNEL_QUADS];

// features += weight · texel (x, y) of plane; texels outside the plane read zero (zero padding).
void accumulateTap(uint plane, int x, int y, float weight)
{
    int r = int(frame.resolution);
    if (x < 0 || y < 0 || x >= r || y >= r)
    {
        return;
    }
    uint base = ((plane * frame.resolution + uint(y)) * frame.resolution + uint(x)) * uint(CHANNEL_QUADS);
    [[unroll]] for (int q = 0; q < CHANNEL_QUADS; q++)
    {
        vec4 texel;
        if (FP16)
        {
            uvec2 halves = planeHalfQuads[base + uint(q)];
            texel = vec4(unpackHalf2x16(halves.x), unpackHalf2x16(halves.y));
        }
        else
        {
            texel = planeQuads[base + uint(q)];
        }
        features[q] += weight * texel;
    }
}

// grid_sample, align_corners=False: texel centres at (i + 0.5) / R, so the continuous index is ((u + 1)·R − 1) / 2.
void accumulateBilinear(uint plane, float u, float v)
{
    float r = float(frame.resolution);
    float ix = ((u + 1.0) * r - 1.0) * 0.5;
    float iy = ((v + 1.0) * r - 1.0) * 0.5;
    if (!(ix > -1.0 && ix < r && iy > -1.0 && iy < r))
    {
        return;
    }
    float x0f = floor(ix);
    float y0f = floor(iy);
    float fx = ix - x0f;
    float fy = iy - y0f;
    int x0 = int(x0f);
    int y0 = int(y0f);
    accumulateTap(plane, x0, y0, (1.0 - fx) * (1.0 - fy));
    accumulateTap(plane, x0 + 1, y0, fx * (1.0 - fy));
    accumulateTap(plane, x0, y0 + 1, (1.0 - fx) * fy);
    accumulateTap(plane, x0 + 1, y0 + 1, fx * fy);
}

// Raw σ and RGB at world point p.
vec4 queryField(vec3 p)
{
    [[unroll]] for (int q = 0; q < CHANNEL_QUADS; q++)
    {
        features[q] = vec4(0.0);
    }
    vec3 scaled = p * (2.0 / frame.boxWarp);
    for (uint plane = 0u; plane < uint(PLANES); plane++)
    {
        uint axes = frame.planeAxes >> (4u * plane);
        // U axis 3: the host found the plane all zeros (relief v2's third); it adds nothing, so it is not sampled.
        if ((axes & 3u) != 3u)
        {
            accumulateBilinear(plane, scaled[axes & 3u], scaled[(axes >> 2u) & 3u]);
        }
    }
    [[unroll]] for (int q = 0; q < CHANNEL_QUADS; q++)
    {
        features[q] *= 1.0 / float(PLANES);
    }
    // The hidden layer is streamed: each unit's activation feeds the four used outputs at once, so no
    // HIDDEN-sized array is kept per invocation.
    const int w2Quads = HIDDEN * CHANNEL_QUADS;
    const int b2Quad = w2Quads + HIDDEN;
    const int b1 = 4 * (b2Quad + 1);
    vec4 outputs = decoderQuads[b2Quad];
    for (int o = 0; o < HIDDEN; o++)
    {
        float acc = 0.0;
        [[unroll]] for (int q = 0; q < CHANNEL_QUADS; q++)
        {
            acc += dot(decoderQuads[o * CHANNEL_QUADS + q], features[q]);
        }
        float h = softplus(decoder[b1 + o] + acc);
        outputs += h * decoderQuads[w2Quads + o];
    }
    return vec4(outputs.x, colourActivation(outputs.y), colourActivation(outputs.z), colourActivation(outputs.w));
}

#endif
