// Depth sampling along one ray, as the CPU reference's Sampling/RaySegment.cs, StratifiedSampler.cs and
// ImportanceSampler.cs (EG3D's get_ray_limits_box, sample_stratified, sample_importance + sample_pdf).
// Depths in world units along unit-length rays.
#ifndef SAMPLING_GLSL
#define SAMPLING_GLSL
#include "params.glsl"
#include "rng.glsl"

// The ray's overlap with the cube [−boxWarp/2, boxWarp/2]³ intersected with [near, far] (slab method); x > y when
// empty. An axis parallel to a slab gives ±∞ or NaN; NaN comparisons are false and leave the range unchanged.
vec2 clipToBox(vec3 origin, vec3 direction)
{
    float half_ = 0.5 * frame.boxWarp;
    vec2 range = vec2(frame.near, frame.far);
    for (int axis = 0; axis < 3; axis++)
    {
        float inverse = 1.0 / direction[axis];
        float t0 = (-half_ - origin[axis]) * inverse;
        float t1 = (half_ - origin[axis]) * inverse;
        float tNear = t0 < t1 ? t0 : t1;
        float tFar = t0 < t1 ? t1 : t0;
        if (tNear > range.x) range.x = tNear;
        if (tFar < range.y) range.y = tFar;
    }
    return range;
}

// Stratified depth k of COARSE: one per stratum of Δ = (end − start) / N, pushed forward by a jitter in [0, Δ), so no
// sample leaves the box (the CPU reference's deliberate change from EG3D's linspace spacing).
float stratifiedDepth(vec2 segment, uint pixel, int k)
{
    float step_ = (segment.y - segment.x) / float(COARSE);
    float jitter = uniformDraw(frame.seed, pixel, STREAM_COARSE_JITTER, uint(k));
    return segment.x + (float(k) + jitter) * step_;
}

const float WEIGHT_FLOOR = 0.01;   // EG3D's floor under the smoothed weights
const float PDF_EPSILON = 1e-5;    // EG3D's eps in sample_pdf
const int BINS = COARSE - 3;       // EG3D passes Nc − 1 midpoints with Nc − 3 weights: its last midpoint is unused

// Invocation-private per-ray state (GLSL passes arrays by value, so functions share these): the coarse depths,
// the coarse composite's interval weights, and the importance depths (one spare slot keeps the size ≥ 1).
float coarseDepth[COARSE];
float coarseWeight[COARSE - 1];
float fineDepth[IMPORTANCE + 1];

float coarseMidpoint(int i) { return 0.5 * (coarseDepth[i] + coarseDepth[i + 1]); }

// avg_pool(max_pool(w)) at j, out-of-range w ignored, plus the floor.
float smoothedWeight(int j)
{
    float left = j > 0 ? max(coarseWeight[j - 1], coarseWeight[j]) : coarseWeight[j];
    float right = j + 1 < COARSE - 1 ? max(coarseWeight[j], coarseWeight[j + 1]) : coarseWeight[j];
    return 0.5 * (left + right) + WEIGHT_FLOOR;
}

// Fills fineDepth[0..IMPORTANCE) with depths drawn from coarseWeight by inverse cdf, sorted ascending.
void drawImportanceDepths(uint pixel)
{
    float cdf[BINS + 1];
    cdf[0] = 0.0;
    float sum = 0.0;
    for (int j = 0; j < BINS; j++)
    {
        sum += smoothedWeight(j + 1) + PDF_EPSILON;
        cdf[j + 1] = sum;
    }
    float inverseSum = 1.0 / sum;
    for (int j = 1; j <= BINS; j++)
    {
        cdf[j] *= inverseSum;
    }
    for (int n = 0; n < IMPORTANCE; n++)
    {
        float u = uniformDraw(frame.seed, pixel, STREAM_IMPORTANCE_DRAW, uint(n));
        // searchsorted(cdf, u, right=True): the first index whose cdf exceeds u.
        int above = 0;
        while (above <= BINS && cdf[above] <= u) above++;
        int below = max(above - 1, 0);
        above = min(above, BINS);
        float low = coarseMidpoint(below);
        float high = coarseMidpoint(above);
        float denominator = cdf[above] - cdf[below];
        if (denominator < PDF_EPSILON) denominator = 1.0;
        float value = low + (u - cdf[below]) / denominator * (high - low);
        // Insertion into the sorted prefix: the draws are i.i.d., the merge with the coarse depths needs order.
        int i = n - 1;
        while (i >= 0 && fineDepth[i] > value)
        {
            fineDepth[i + 1] = fineDepth[i];
            i--;
        }
        fineDepth[i + 1] = value;
    }
}

#endif
