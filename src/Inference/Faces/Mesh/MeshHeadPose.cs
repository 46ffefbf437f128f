using System.Numerics;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>A head pose read from the face mesh: yaw and pitch, roll within the mesh's crop, and how well the fit holds.</summary>
/// <param name="RmsResidualCm">Weighted RMS distance between the fitted canonical landmarks and the mesh's, in the canonical face's centimetres.</param>
public readonly record struct MeshPose(HeadAngles Head, float RollDegrees, float RmsResidualCm);

/// <summary>
/// Head pose from the face mesh by a rigid fit: the similarity transform (<see cref="SimilarityFit"/>, Horn/Umeyama
/// with scale) that carries MediaPipe's canonical face onto the mesh, over the weighted rigid landmarks MediaPipe's own
/// geometry pipeline uses. The mesh is a weak-perspective view in crop pixels (x right, y down, z away from the
/// camera); flipping y and z gives the canonical face's right-handed frame (x right, y up, z toward the camera), so a
/// frontal face fits with the identity rotation. The rotation's forward axis gives yaw and pitch in
/// <see cref="HeadAngles"/>' convention (the render camera's), its up axis the roll.
/// </summary>
public sealed class MeshHeadPose(CanonicalFace canonical)
{
    private readonly Vector3[] _model = [.. canonical.ProcrustesBasis.Select(b => canonical.Vertices[b.Landmark])];
    private readonly float[] _weights = [.. canonical.ProcrustesBasis.Select(b => b.Weight)];
    private readonly int[] _landmarks = [.. canonical.ProcrustesBasis.Select(b => b.Landmark)];

    /// <summary>The pose of the mesh whose landmarks (crop pixels) these are.</summary>
    public MeshPose Measure(IReadOnlyList<Vector3> landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        Span<Vector3> observed = stackalloc Vector3[_landmarks.Length];
        for (var i = 0; i < _landmarks.Length; i++)
        {
            var p = landmarks[_landmarks[i]];
            observed[i] = new Vector3(p.X, -p.Y, -p.Z);
        }
        var fit = SimilarityFit.Fit(_model, observed, _weights);
        var forward = Vector3.Transform(Vector3.UnitZ, fit.Rotation);
        var up = Vector3.Transform(Vector3.UnitY, fit.Rotation);
        // A camera orbited to yaw θ (toward the image's right) sees a frontal face's forward axis at x = −sin θ; one
        // raised to pitch φ sees it at y = −sin φ. Roll: the up axis leaning toward the image's right is clockwise.
        var yaw = MathF.Atan2(-forward.X, forward.Z);
        var pitch = MathF.Atan2(-forward.Y, MathF.Sqrt(forward.X * forward.X + forward.Z * forward.Z));
        var roll = MathF.Atan2(up.X, up.Y);
        const float degrees = 180f / MathF.PI;
        return new MeshPose(new HeadAngles(yaw * degrees, pitch * degrees), roll * degrees, fit.RmsResidual / MathF.Max(fit.Scale, 1e-6f));
    }
}
