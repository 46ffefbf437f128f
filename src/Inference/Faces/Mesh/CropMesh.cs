using System.Numerics;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>
/// The face mesh in an encoder crop's pixels (what <see cref="AlignedFace.Mesh"/> holds): a measured mesh carried from
/// the mesh network's input into the crop, or — where the mesh is not trusted — the canonical face placed on BlazeFace's
/// eye, nose and mouth keypoints, so an encoder that needs a mesh still gets a face shape (a generic one) in the right
/// place.
/// </summary>
public static class CropMesh
{
    // MediaPipe face-mesh landmarks matching BlazeFace's keypoints: eye corners (centre = mean), nose tip, inner lips.
    private static readonly int[][] KeypointLandmarks = [[33, 133], [263, 362], [1], [13, 14]];

    /// <summary>The measured landmarks in crop pixels; z is scaled with x and y (still smaller = nearer).</summary>
    public static Vector3[] FromMeasurement(FaceMeshResult mesh, AffineTransform2D cropToImage)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var inputToCrop = cropToImage.Inverse().After(mesh.InputToImage);
        var depthScale = inputToCrop.Scale;
        var points = new Vector3[mesh.Landmarks.Length];
        for (var i = 0; i < points.Length; i++)
        {
            var p = mesh.Landmarks[i];
            var (x, y) = inputToCrop.Apply(p.X, p.Y);
            points[i] = new Vector3(x, y, p.Z * depthScale);
        }
        return points;
    }

    /// <summary>
    /// The canonical face fitted (2-D similarity, least squares) to the eyes, nose tip and mouth of
    /// <paramref name="cropKeypoints"/>; depth follows the fitted scale.
    /// </summary>
    public static Vector3[] FromKeypoints(CanonicalFace canonical, FaceKeypoints cropKeypoints)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        // The canonical face is y up, z toward the viewer; the crop is y down, z away.
        Vector2 Flat(Vector3 v) => new(v.X, -v.Y);
        Span<Vector2> from = stackalloc Vector2[KeypointLandmarks.Length];
        Span<Vector2> to = stackalloc Vector2[KeypointLandmarks.Length];
        for (var k = 0; k < KeypointLandmarks.Length; k++)
        {
            var sum = Vector2.Zero;
            foreach (var index in KeypointLandmarks[k])
            {
                sum += Flat(canonical.Vertices[index]);
            }
            from[k] = sum / KeypointLandmarks[k].Length;
            to[k] = cropKeypoints[k];
        }
        var (scale, rotation, translation) = PlaneSimilarity.Fit(from, to);
        var points = new Vector3[canonical.Vertices.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var v = canonical.Vertices[i];
            var p = PlaneSimilarity.Rotate(Flat(v), rotation) * scale + translation;
            points[i] = new Vector3(p, -v.Z * scale);
        }
        return points;
    }
}
