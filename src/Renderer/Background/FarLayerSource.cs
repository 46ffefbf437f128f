using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// What a far layer is made of: the encoder's aligned crop, its person matte (crop pixels, row-major; null when no
/// matte ran) and the bundle's rendering settings (default camera, box). One per analysed frame: the composer reuses
/// the layer it built for as long as it is handed the same crop, matte and surround objects.
/// </summary>
public sealed record FarLayerSource(RgbImage Crop, float[]? Matte, RenderingConfig Rendering)
{
    /// <summary>The camera picture the crop was cut from, when there is one: the keep layer then shows the real room beyond the crop.</summary>
    public FarLayerSurround? Surround { get; init; }
}
