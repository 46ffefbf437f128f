// Counter-based random numbers, bit for bit the CPU reference's Sampling/HashRng.cs: the PCG hash ("pcg_hash",
// Jarzynski & Olano, "Hash Functions for GPU Rendering", JCGT 9(3), 2020) chained as pcg(pcg(pcg(seed) + pixel) +
// counter), counter = stream << 24 | index; 24 bits kept so the float is exact. uint arithmetic wraps as in C#.
#ifndef RNG_GLSL
#define RNG_GLSL

const uint STREAM_COARSE_JITTER = 0u;
const uint STREAM_IMPORTANCE_DRAW = 1u;

uint pcgHash(uint v)
{
    uint state = v * 747796405u + 2891336453u;
    uint word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
    return (word >> 22u) ^ word;
}

float uniformDraw(uint seed, uint pixel, uint stream, uint index)
{
    uint h = pcgHash(pcgHash(pcgHash(seed) + pixel) + ((stream << 24u) | index));
    return float(h >> 8u) * (1.0 / 16777216.0);
}

#endif
