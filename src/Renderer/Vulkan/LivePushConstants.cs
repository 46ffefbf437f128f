using System.Runtime.InteropServices;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Live;

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

    /// <summary>Picture <paramref name="view"/>'s block (0 = mono or the left eye, 1 = the right eye).</summary>
    public static LivePushConstants For(RenderRequest request, LiveSampling settings, int view = 0)
    {
        var rendering = request.Rendering;
        var camera = request.CameraFor(view);
        return new LivePushConstants
        {
            Frame = RenderPushConstants.For(request, view),
            MarchStep = rendering.BoxWarp / settings.MarchResolution,
            CellSize = rendering.BoxWarp / settings.GridResolution,
            EmptyRawDensity = OccupancyGrid.EmptyRawDensityFor(rendering.BoxWarp, rendering.DensityBias, settings.GridResolution),
            GeometryFocalPixels = camera.FocalPixels / settings.GeometryDivisor,
        };
    }
}
