using System.Runtime.InteropServices;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Live;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// The live kernels' push-constant block (Shaders/live_params.glsl): the shared frame block of Shaders/params.glsl, then
/// four floats the CPU live sampler computes the same way, here with the same C# expressions so both renderers compare
/// against bit-identical thresholds. 128 bytes: all of the 128 every device guarantees (maxPushConstantsSize).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LivePushConstants
{
    public RenderPushConstants Frame;
    public float MarchStep;
    public float CellSize;
    public float EmptyRawDensity;
    public float GeometryFocalPixels;

    /// <summary>The grid kernels' block: the field's part of the frame block (<see cref="RenderPushConstants.ForField"/>)
    /// and the grid's sizes, no camera — the grid is built before the view is chosen (<see cref="VulkanVolumeRenderer.PrepareField"/>).
    /// <paramref name="zeroPlanes"/>: as <see cref="RenderPushConstants.ForField"/>'s.</summary>
    public static LivePushConstants ForGrid(RenderRequest request, LiveSampling settings, uint zeroPlanes) =>
        Extend(RenderPushConstants.ForField(request, zeroPlanes), request.Rendering, settings, 0f);

    /// <summary>Picture <paramref name="view"/>'s block (0 = mono or the left eye, 1 = the right eye).</summary>
    public static LivePushConstants For(RenderRequest request, LiveSampling settings, uint zeroPlanes, int view = 0)
    {
        var camera = request.CameraFor(view);
        return Extend(RenderPushConstants.For(request, zeroPlanes, view), request.Rendering, settings, camera.FocalPixels / settings.GeometryDivisor);
    }

    private static LivePushConstants Extend(RenderPushConstants frame, RenderingConfig rendering, LiveSampling settings, float geometryFocalPixels) => new()
    {
        Frame = frame,
        MarchStep = rendering.BoxWarp / settings.MarchResolution,
        CellSize = rendering.BoxWarp / settings.GridResolution,
        EmptyRawDensity = OccupancyGrid.EmptyRawDensityFor(rendering.BoxWarp, rendering.DensityBias, settings.GridResolution),
        GeometryFocalPixels = geometryFocalPixels,
    };
}
