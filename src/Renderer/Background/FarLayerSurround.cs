using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// The whole camera picture around the encoder's crop, for the far layer: a turned view sees the room well past the
/// crop's edge (at 30° of yaw as far again as the crop is wide), which the crop alone can only continue as a blur.
/// <paramref name="CropToFrame"/> maps crop pixels to <paramref name="Frame"/>'s; <paramref name="Resampler"/> cuts
/// the frame (the server passes OpenCV's warp; the renderer itself reads no image library).
/// </summary>
public sealed record FarLayerSurround(RgbImage Frame, AffineTransform2D CropToFrame, ImageResampler Resampler)
{
    /// <summary>
    /// The person matte of the whole <see cref="Frame"/>, when one ran: it says where the person is beyond the crop
    /// (the body below it, an arm, a held helmet). Without it the crop's matte is continued past the crop's edge.
    /// </summary>
    public PictureMatte? Matte { get; init; }
}
