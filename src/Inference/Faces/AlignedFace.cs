using System.Numerics;
using PortraitStream.Renderer.Imaging;

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
    float Score)
{
    /// <summary>
    /// The face mesh's 468 landmarks in crop pixels (x right, y down, z depth on x's scale, smaller = nearer), when a
    /// tracker with a face mesh measured them (or, where the mesh was not trusted, fitted the canonical face to the
    /// keypoints); null otherwise.
    /// </summary>
    public Vector3[]? Mesh { get; init; }

    /// <summary>Person probability per crop pixel (Crop.Width × Crop.Height, row-major), when the person matte ran; null otherwise.</summary>
    public float[]? Matte { get; init; }

    /// <summary>
    /// The person matte of the whole picture the face was cut from, when it ran (<see cref="Matte"/>'s network on the
    /// picture stretched to its input): where the person is beyond the crop, for the far layer's room.
    /// </summary>
    public PictureMatte? PictureMatte { get; init; }

    /// <summary>
    /// The camera picture around the crop with its person matte, when the encoder takes it (model.json
    /// "encoder.surround"); null otherwise.
    /// </summary>
    public CropSurround? Surround { get; init; }
}
