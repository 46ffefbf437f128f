#version 450
// Repacks one frame's triplanes from the encoder's NCHW layout ([plane][channel][v][u] floats, exactly as the host
// received them) into the render kernel's channel-last layout ([plane][v][u][C'] with C' = C rounded up to 4, zeros
// in the padding), as fp32 or as fp16 pairs (unpackHalf2x16's order: the lower channel in the low 16 bits). One
// invocation per texel (x: texel within its plane, workgroup y: plane); it reads C strided floats and writes C'/4
// contiguous quads. Doing this here keeps the host's per-frame work to one memcpy.
#extension GL_EXT_control_flow_attributes : require

layout(constant_id = 0) const int CHANNELS = 32;  // C, as the encoder writes them
layout(constant_id = 1) const bool FP16 = false;
const int QUADS = (CHANNELS + 3) / 4;

layout(push_constant) uniform Pack
{
    uint texelsPerPlane;  // R × R
} pack;

layout(std430, binding = 0) readonly buffer Source { float source[]; };
layout(std430, binding = 1) writeonly buffer Planes { vec4 planeQuads[]; };
layout(std430, binding = 1) writeonly buffer PlanesHalf { uvec2 planeHalfQuads[]; };

layout(local_size_x = 64) in;

void main()
{
    uint within = gl_GlobalInvocationID.x;
    if (within >= pack.texelsPerPlane)
    {
        return;
    }
    uint plane = gl_WorkGroupID.y;
    uint texel = plane * pack.texelsPerPlane + within;
    uint first = plane * uint(CHANNELS) * pack.texelsPerPlane + within;
    [[unroll]] for (int q = 0; q < QUADS; q++)
    {
        vec4 quad = vec4(0.0);
        [[unroll]] for (int k = 0; k < 4; k++)
        {
            int c = 4 * q + k;
            if (c < CHANNELS)
            {
                quad[k] = source[first + uint(c) * pack.texelsPerPlane];
            }
        }
        uint at = texel * uint(QUADS) + uint(q);
        if (FP16)
        {
            planeHalfQuads[at] = uvec2(packHalf2x16(quad.xy), packHalf2x16(quad.zw));
        }
        else
        {
            planeQuads[at] = quad;
        }
    }
}
