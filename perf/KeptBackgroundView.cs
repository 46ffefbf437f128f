using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Perf;

/// <summary>
/// What `render` shows by default, for the benchmarks that read faces off it (fidelity, gaze): a mono view of the
/// request's triplanes over the kept background (the input's own room as a far layer), wherever the model leaves the
/// render transparent, as a picture.
/// </summary>
internal static class KeptBackgroundView
{
    public static RgbImage Render(IVolumeRenderer renderer, BackgroundComposer background, RenderRequest request, FarLayerSource farLayer)
    {
        var target = RenderTarget.Allocate(request.Width, request.Height);
        renderer.Render(request, target);
        background.Compose(target, BackgroundChoice.Keep, request.View, farLayer, transparentRemove: false);
        return target.ToRgbImage();
    }
}
