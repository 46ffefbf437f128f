using System.Runtime.InteropServices;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Live;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// The live kernels' push-constant block (Shaders/live_params.glsl): the shared frame block of Shaders/params.glsl, then
/// four floats the CPU live sampler computes the same way, here with the same C# expressions so both renderers compare
/// against bit-identical thresholds. 120 bytes, inside the 128 every device guarantees (maxPushConstantsSize).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LivePushConstants
{
    public RenderPushConstants Frame;
    public float MarchStep;
    public float CellSize;
    public float EmptyRawDensity;
    public float GeometryFocalPixels;

    public static LivePushConstants For(RenderRequest request, LiveSampling settings)
    {
        var rendering = request.Rendering;
        var camera = PinholeCamera.For(request.View, rendering, request.Width, request.Height);
        return new LivePushConstants
        {
            Frame = RenderPushConstants.For(request),
            MarchStep = rendering.BoxWarp / settings.MarchResolution,
            CellSize = rendering.BoxWarp / settings.GridResolution,
            EmptyRawDensity = OccupancyGrid.EmptyRawDensityFor(rendering.BoxWarp, rendering.DensityBias, settings.GridResolution),
            GeometryFocalPixels = camera.FocalPixels / settings.GeometryDivisor,
        };
    }
}
