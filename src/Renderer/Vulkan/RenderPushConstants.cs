using System.Numerics;
using System.Runtime.InteropServices;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// The per-frame push-constant block of Shaders/params.glsl ("Frame"), field for field in std430 order: four vec4
/// (camera frame, world units) then 4-byte scalars, 112 bytes — inside the 128 bytes every device guarantees
/// (Vulkan spec, "Required Limits": maxPushConstantsSize).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RenderPushConstants
{
    public const int MaxPlanes = 8;

    public Vector4 Origin;
    public Vector4 Right;
    public Vector4 Down;
    public Vector4 Forward;
    public float FocalPixels;
    public uint Width;
    public uint Height;
    public uint Seed;
    public float Near;
    public float Far;
    public float BoxWarp;
    public float DensityBias;
    public uint Resolution;
    public uint PlaneAxes;
    public float PrincipalShift;
    public uint PixelBase;

    /// <summary>Picture <paramref name="view"/>'s camera as the CPU reference builds it for the same request
    /// (<see cref="RenderRequest.CameraFor"/>), so both renderers trace the same rays; its pixels follow the previous
    /// pictures' in the output buffers.</summary>
    public static RenderPushConstants For(RenderRequest request, uint zeroPlanes, int view = 0)
    {
        var camera = request.CameraFor(view);
        var pose = camera.Pose;
        var block = ForField(request, zeroPlanes);
        block.Origin = new Vector4(pose.Origin, 0f);
        block.Right = new Vector4(pose.Right, 0f);
        block.Down = new Vector4(pose.Down, 0f);
        block.Forward = new Vector4(pose.Forward, 0f);
        block.FocalPixels = camera.Intrinsics.Focal * camera.Height;
        block.Width = (uint)camera.Width;
        block.Height = (uint)camera.Height;
        block.Near = camera.Near;
        block.Far = camera.Far;
        block.PrincipalShift = camera.PrincipalShiftPixels;
        block.PixelBase = (uint)(view * camera.Width * camera.Height);
        return block;
    }

    /// <summary>The block's view-independent part — box, density bias, plane layout, seed; the camera fields zero —
    /// which is all a kernel over the field alone reads (live_corners.comp). <paramref name="zeroPlanes"/>: bit p set
    /// when plane p holds only zeros (<see cref="ResidentField.ZeroPlanes"/>).</summary>
    public static RenderPushConstants ForField(RenderRequest request, uint zeroPlanes) => new()
    {
        Seed = request.Seed,
        BoxWarp = request.Rendering.BoxWarp,
        DensityBias = request.Rendering.DensityBias,
        Resolution = (uint)request.Triplanes.Layout.Resolution,
        PlaneAxes = PackAxes(request.Triplanes.Layout.Axes, zeroPlanes),
    };

    /// <summary>
    /// Plane p's axes in bits 4p..4p+3: U in the low two bits, V in the next two; a plane of zeros gets U =
    /// <see cref="SkippedPlane"/> instead, which the kernels leave unsampled (its texels would add nothing to the sum; the
    /// mean still divides by every plane). A third of relief v2's sampling, as the CPU renderer skips it too.
    /// </summary>
    private static uint PackAxes(IReadOnlyList<PlaneAxes> axes, uint zeroPlanes)
    {
        uint packed = 0;
        for (int p = 0; p < axes.Count; p++)
        {
            uint u = (zeroPlanes & (1u << p)) != 0 ? SkippedPlane : (uint)axes[p].U;
            packed |= (u | ((uint)axes[p].V << 2)) << (4 * p);
        }
        return packed;
    }

    /// <summary>The U-axis code (no axis: x, y, z are 0–2) that marks a plane of zeros (Shaders/field.glsl).</summary>
    public const uint SkippedPlane = 3;
}
