using System.Numerics;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// Where the square face crop sits in the image: centre and side in image pixels, and the roll (radians, positive =
/// clockwise in image coordinates, y down) that the crop removes. Kept apart from the pixels so a tracker can smooth
/// it before any resampling.
/// </summary>
public readonly record struct FaceCropGeometry(Vector2 Center, float Side, float Roll)
{
    /// <summary>The framing's crop around <paramref name="face"/>.</summary>
    public static FaceCropGeometry From(FaceDetection face, FaceFraming framing)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(framing);
        var eyes = face.Keypoints.LeftEye - face.Keypoints.RightEye;
        var roll = MathF.Atan2(eyes.Y, eyes.X);
        var faceSize = MathF.Max(MathF.Max(face.Box.Width, face.Box.Height), framing.EyeDistanceToFaceSize * eyes.Length());
        // The vertical offset follows the face's own "down" (perpendicular to the eye line), not the image's.
        var down = new Vector2(-MathF.Sin(roll), MathF.Cos(roll));
        return new FaceCropGeometry(face.Box.Center + down * (framing.VerticalOffset * faceSize), framing.CropScale * faceSize, roll);
    }

    /// <summary>The map from pixels of a <paramref name="size"/>² crop to image pixels.</summary>
    public AffineTransform2D CropToImage(int size) => AffineTransform2D.SquareCrop(Center.X, Center.Y, Side, Roll, size);
}
