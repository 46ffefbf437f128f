using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>A trusted face mesh and the head angles fitted to it.</summary>
public sealed record MeshMeasurement(HeadAngles Head, FaceMeshResult Mesh);

/// <summary>
/// The tracker's head pose from the face mesh: runs <see cref="FaceMesh"/> on the mesh crop of the tracked face and fits
/// the canonical face (<see cref="MeshHeadPose"/>). Answers null — never throws — when the mesh is not to be trusted:
/// the network's face confidence below <see cref="MinConfidence"/>, a fit residual above <see cref="MaxResidualCm"/>
/// (the landmarks are not a face shape), non-finite angles, or ONNX Runtime failing on the frame; the tracker then
/// falls back to the keypoint <see cref="HeadPose"/>. One thread, like the tracker that owns it.
/// </summary>
public sealed class FaceMeshPose : IDisposable
{
    private readonly FaceMesh _mesh;
    private readonly MeshHeadPose _pose;

    public FaceMeshPose(OnnxSessionFactory sessions, MediaPipeModelFiles? files = null)
    {
        files ??= MediaPipeModelFiles.Default;
        Canonical = CanonicalFace.Load(files.FaceGeometry);
        _pose = new MeshHeadPose(Canonical);
        _mesh = new FaceMesh(sessions, files);
    }

    /// <summary>The canonical face the pose is fitted against (and that stands in for an untrusted mesh).</summary>
    public CanonicalFace Canonical { get; }

    /// <summary>MediaPipe's own tracking threshold on the face flag (min_tracking_confidence 0.5).</summary>
    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>
    /// Faces fit the canonical face to 0.5–0.8 cm RMS over its rigid landmarks (relief renders of the portrait, ±20°);
    /// twice the worst of those means the mesh is not lying on a face.
    /// </summary>
    public float MaxResidualCm { get; init; } = 1.6f;

    /// <summary>The mesh around <paramref name="geometry"/> and the head's angles from it, or null when the mesh is not trusted.</summary>
    public MeshMeasurement? TryMeasure(RgbImage frame, FaceCropGeometry geometry, FaceFraming framing)
    {
        FaceMeshResult mesh;
        try
        {
            mesh = _mesh.Run(frame, FaceMesh.CropFor(geometry, framing));
        }
        catch (OnnxRuntimeException)
        {
            return null;
        }
        if (!(mesh.Confidence >= MinConfidence))
        {
            return null;
        }
        var pose = _pose.Measure(mesh.Landmarks);
        var head = pose.Head;
        return pose.RmsResidualCm <= MaxResidualCm && float.IsFinite(head.YawDegrees) && float.IsFinite(head.PitchDegrees)
            ? new MeshMeasurement(head, mesh) : null;
    }

    public void Dispose() => _mesh.Dispose();
}
