#version 450
// One invocation per pixel runs EG3D's whole two-pass pipeline for its ray (the CPU reference's RayIntegrator.cs, with
// SkippingRayIntegrator.cs's early termination but not yet its empty-space skipping):
// ray → clip to the box → stratified coarse depths → field → coarse composite (weights) → importance depths →
// field → merge with the coarse samples in depth order → final composite. Fused, so nothing goes back to the host
// (or even to memory) between the passes; the per-ray state is a few hundred floats of private memory.
// Camera (EG3D/OpenCV): x right, y down, z forward; the pixel centre (x + 0.5, y + 0.5) is lifted through a pinhole
// with the principal point at the image centre.
#extension GL_GOOGLE_include_directive : require
#include "params.glsl"
#include "field.glsl"
#include "sampling.glsl"
#include "composite.glsl"

layout(local_size_x = 8, local_size_y = 8) in;

// +∞, the CPU reference's CompositedRay.BackgroundDepth (a division by zero would be folded with a warning).
#define NO_HIT_DEPTH uintBitsToFloat(0x7f800000u)

// RGBA bytes, R in the low byte, rounded as the CPU reference's ToByte: clamp(int(v · 255 + 0.5), 0, 255).
uint packColour(vec3 colour, float opacity)
{
    uvec4 bytes = uvec4(clamp(vec4(colour, opacity) * 255.0 + 0.5, 0.0, 255.0));
    return bytes.r | (bytes.g << 8u) | (bytes.b << 16u) | (bytes.a << 24u);
}

void main()
{
    uvec2 xy = gl_GlobalInvocationID.xy;
    if (xy.x >= frame.width || xy.y >= frame.height)
    {
        return;
    }
    uint pixel = xy.y * frame.width + xy.x; // the RNG's pixel, as on the CPU: per picture
    uint outIndex = frame.pixelBase + pixel;
    vec3 lift = vec3((vec2(xy) + 0.5 - vec2(frame.principalShift, 0.0) - 0.5 * vec2(frame.width, frame.height)) / frame.focalPixels, 1.0);
    vec3 origin = frame.origin.xyz;
    vec3 direction = normalize(lift.x * frame.right.xyz + lift.y * frame.down.xyz + lift.z * frame.forward.xyz);
    vec2 segment = clipToBox(origin, direction);
    if (!(segment.y > segment.x))
    {
        colourOut[outIndex] = 0u;
        depthOut[outIndex] = NO_HIT_DEPTH;
        return;
    }

    // Coarse pass: depths, field values, and the interval weights the importance sampler needs, queried front to back
    // and composited as they come, so that the pass stops querying once the ray is opaque (the CPU reference's
    // SkippingRayIntegrator.StopTransmittance; its empty-space skipping has no grid here yet). Samples behind the stop
    // get no field value and weight 0 instead of < 1e-4 in all; the fine pass queries them if it still needs them.
    vec4 coarseField[COARSE];
    for (int k = 0; k < COARSE; k++)
    {
        coarseDepth[k] = stratifiedDepth(segment, pixel, k);
    }
    float first = coarseDepth[0];
    float last = coarseDepth[COARSE - 1];
    Composite acc = compositeStart();
    int coarseQueried = 0;
    for (int k = 0; k < COARSE; k++)
    {
        if (acc.transmittance < REFERENCE_STOP_TRANSMITTANCE)
        {
            coarseWeight[k - 1] = 0.0;
            continue;
        }
        coarseField[k] = queryField(origin + coarseDepth[k] * direction);
        coarseQueried = k + 1;
        if (k > 0)
        {
            coarseWeight[k - 1] = compositeInterval(acc, coarseDepth[k - 1], coarseField[k - 1], coarseDepth[k], coarseField[k]);
        }
    }

    if (IMPORTANCE > 0)
    {
        // Fine pass: merge coarse and importance samples by depth (ties: coarse first, as the CPU's merge), querying
        // each importance sample (and any coarse sample behind the coarse pass's stop) as the merge reaches it, and
        // composite the merged sequence as it streams by, until the ray is opaque.
        drawImportanceDepths(pixel);
        acc = compositeStart();
        int i = 0;
        int j = 0;
        float previousDepth = 0.0;
        vec4 previousField = vec4(0.0);
        first = min(coarseDepth[0], fineDepth[0]);
        last = max(coarseDepth[COARSE - 1], fineDepth[max(IMPORTANCE - 1, 0)]);
        for (int k = 0; k < COARSE + IMPORTANCE && !(acc.transmittance < REFERENCE_STOP_TRANSMITTANCE); k++)
        {
            bool takeCoarse = j >= IMPORTANCE || (i < COARSE && coarseDepth[i] <= fineDepth[j]);
            float t = takeCoarse ? coarseDepth[i] : fineDepth[j];
            vec4 field = takeCoarse && i < coarseQueried ? coarseField[i] : queryField(origin + t * direction);
            if (takeCoarse) i++; else j++;
            if (k > 0)
            {
                compositeInterval(acc, previousDepth, previousField, t, field);
            }
            previousDepth = t;
            previousField = field;
        }
    }

    bool hit = acc.opacity > 0.0;
    colourOut[outIndex] = hit ? packColour(acc.colour, acc.opacity) : 0u;
    depthOut[outIndex] = hit ? clamp(acc.depth / acc.opacity, first, last) : NO_HIT_DEPTH;
}
