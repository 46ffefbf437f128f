// EG3D's MipRayMarcher2, as the CPU reference's Compositing/VolumeCompositor.cs, written as a running sum so a ray's
// samples can be streamed in depth order. Interval between consecutive samples a, b: δ = t_b − t_a, midpoint colour and
// raw σ are the ends' means, σ = softplus(raw σ + densityBias), α = 1 − exp(−σδ), w = α·T, T *= 1 − α + 1e-10.
#ifndef COMPOSITE_GLSL
#define COMPOSITE_GLSL
#include "field.glsl"

const float TRANSMITTANCE_EPSILON = 1e-10;

// Transmittance below which a ray stops querying (the CPU reference's SkippingRayIntegrator.StopTransmittance): what
// lies behind can add at most 1e-4 to any channel, 0.03 of an 8-bit step.
const float REFERENCE_STOP_TRANSMITTANCE = 1e-4;

struct Composite
{
    vec3 colour;          // Σ w·c
    float depth;          // Σ w·t_mid
    float opacity;        // Σ w
    float transmittance;  // Π (1 − α + ε)
};

Composite compositeStart() { return Composite(vec3(0.0), 0.0, 0.0, 1.0); }

// Adds the interval from sample a to sample b (depth t, field value σ/rgb); returns its weight.
float compositeInterval(inout Composite acc, float ta, vec4 a, float tb, vec4 b)
{
    float density = softplus(0.5 * (a.x + b.x) + frame.densityBias);
    float alpha = 1.0 - exp(-density * (tb - ta));
    float weight = alpha * acc.transmittance;
    acc.transmittance *= 1.0 - alpha + TRANSMITTANCE_EPSILON;
    acc.colour += weight * 0.5 * (a.yzw + b.yzw);
    acc.depth += weight * 0.5 * (ta + tb);
    acc.opacity += weight;
    return weight;
}

#endif
