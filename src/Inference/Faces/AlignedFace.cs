using PortraitStream.Inference.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// A face cropped for an encoder: the square crop, where it came from, and the face measured in crop pixels.
/// <see cref="Head"/> is the head's yaw and pitch (<see cref="HeadAngles"/>); roll is the eye line's angle in the source
/// image, positive clockwise (y down), and has been removed from the crop.
/// </summary>
public sealed record AlignedFace(
    RgbImage Crop,
    FaceCropGeometry Geometry,
    AffineTransform2D CropToImage,
    FaceKeypoints Keypoints,
    FaceBox Box,
    HeadAngles Head,
    float RollDegrees,
    float Score);
