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

// Invocation-private scratch: the mean triplane features at the current point (GLSL passes arrays by value, so the
// helpers below share this instead of taking it as a parameter). Every loop over it is [[unroll]]ed: with CHANNELS
// specialised, each index is then a constant and the array lives in registers; a dynamically indexed private array
// is lowered to scratch memory or compare-and-select ladders (llvmpipe), many times slower.
float features[CHANNELS];

// features += weight · texel (x, y) of plane; texels outside the plane read zero (zero padding).
void accumulateTap(uint plane, int x, int y, float weight)
{
    int r = int(frame.resolution);
    if (x < 0 || y < 0 || x >= r || y >= r)
    {
        return;
    }
    uint texel = (plane * frame.resolution + uint(y)) * frame.resolution + uint(x);
    if (FP16)
    {
        uint base = texel * uint(CHANNELS / 2);
        [[unroll]] for (int c = 0; c < CHANNELS; c += 2)
        {
            vec2 pair = unpackHalf2x16(planeWords[base + uint(c / 2)]);
            features[c] += weight * pair.x;
            features[c + 1] += weight * pair.y;
        }
    }
    else
    {
        uint base = texel * uint(CHANNELS);
        [[unroll]] for (int c = 0; c < CHANNELS; c++)
        {
            features[c] += weight * uintBitsToFloat(planeWords[base + uint(c)]);
        }
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
    [[unroll]] for (int c = 0; c < CHANNELS; c++)
    {
        features[c] = 0.0;
    }
    vec3 scaled = p * (2.0 / frame.boxWarp);
    for (uint plane = 0u; plane < uint(PLANES); plane++)
    {
        uint axes = frame.planeAxes >> (4u * plane);
        accumulateBilinear(plane, scaled[axes & 3u], scaled[(axes >> 2u) & 3u]);
    }
    [[unroll]] for (int c = 0; c < CHANNELS; c++)
    {
        features[c] *= 1.0 / float(PLANES);
    }
    // The hidden layer is streamed: each unit's activation feeds the four used outputs at once, so no
    // HIDDEN-sized array is kept per invocation.
    const int b1 = HIDDEN * CHANNELS;
    const int w2 = b1 + HIDDEN;
    const int b2 = w2 + 4 * HIDDEN;
    vec4 outputs = vec4(decoder[b2], decoder[b2 + 1], decoder[b2 + 2], decoder[b2 + 3]);
    for (int o = 0; o < HIDDEN; o++)
    {
        float acc = 0.0;
        [[unroll]] for (int c = 0; c < CHANNELS; c++)
        {
            acc += decoder[o * CHANNELS + c] * features[c];
        }
        float h = softplus(decoder[b1 + o] + acc);
        outputs += h * vec4(decoder[w2 + o], decoder[w2 + HIDDEN + o], decoder[w2 + 2 * HIDDEN + o], decoder[w2 + 3 * HIDDEN + o]);
    }
    return vec4(outputs.x, colourActivation(outputs.y), colourActivation(outputs.z), colourActivation(outputs.w));
}

#endif
