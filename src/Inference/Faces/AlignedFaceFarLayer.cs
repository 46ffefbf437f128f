using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Faces;

/// <summary>The far layer's source for an aligned face: its crop and matte, and the picture it was cut from around them.</summary>
public static class AlignedFaceFarLayer
{
    /// <summary>
    /// <paramref name="face"/>'s far-layer source, with <paramref name="picture"/> (the camera frame or photo the face
    /// was cut from, through <see cref="AlignedFace.CropToImage"/>) and its matte, when one ran, as its surround, cut
    /// with OpenCV (<see cref="ImageWarp.WarpShrinkingFirst"/>: the surround covers most of the picture at a reduced scale).
    /// </summary>
    public static FarLayerSource FarLayerSource(this AlignedFace face, RgbImage picture, RenderingConfig rendering)
    {
        ArgumentNullException.ThrowIfNull(face);
        return new FarLayerSource(face.Crop, face.Matte, rendering)
        {
            Surround = new FarLayerSurround(picture, face.CropToImage, ImageWarp.WarpShrinkingFirst) { Matte = face.PictureMatte },
        };
    }
}
