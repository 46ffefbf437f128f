using System.Numerics;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>
/// The face mesh's 468 landmarks in the pixels of its 192² input (x right, y down; z is depth on about x's scale,
/// smaller = nearer the camera, 0 near the face's centre), the crop's map back to image pixels, and the model's face
/// confidence (its "face flag", a probability).
/// </summary>
public sealed record FaceMeshResult(Vector3[] Landmarks, float Confidence, AffineTransform2D InputToImage)
{
    /// <summary>Landmark <paramref name="index"/> in image pixels.</summary>
    public Vector2 ImagePoint(int index)
    {
        var (x, y) = InputToImage.Apply(Landmarks[index].X, Landmarks[index].Y);
        return new Vector2(x, y);
    }
}
