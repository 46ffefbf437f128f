using System.Numerics;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// Cuts the square, roll-free face crop an encoder takes (smoothly filled where it reaches past the picture:
/// <see cref="OutsideTheFrame"/>), and measures the face inside it.
/// </summary>
public static class FaceAligner
{
    /// <summary>Aligns <paramref name="face"/> with the framing's own crop geometry.</summary>
    public static AlignedFace Align(RgbImage image, FaceDetection face, int size, FaceFraming framing) =>
        Align(image, face, FaceCropGeometry.From(face, framing), size);

    /// <summary>Aligns <paramref name="face"/> into the crop <paramref name="geometry"/> describes (e.g. a smoothed one).</summary>
    public static AlignedFace Align(RgbImage image, FaceDetection face, FaceCropGeometry geometry, int size)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        var cropToImage = geometry.CropToImage(size);
        var imageToCrop = cropToImage.Inverse();
        Vector2 ToCrop(Vector2 p)
        {
            var (x, y) = imageToCrop.Apply(p.X, p.Y);
            return new Vector2(x, y);
        }

        var keypoints = face.Keypoints.Select(ToCrop);
        var scale = imageToCrop.Scale;
        var box = new FaceBox(ToCrop(face.Box.Center), face.Box.Width * scale, face.Box.Height * scale);
        var crop = ImageWarp.Crop(image, cropToImage, size);
        OutsideTheFrame.FillCrop(crop, cropToImage, image.Width, image.Height);
        return new AlignedFace(crop, geometry, cropToImage, keypoints, box,
            HeadPose.Measure(keypoints), geometry.Roll * (180f / MathF.PI), face.Score);
    }
}
