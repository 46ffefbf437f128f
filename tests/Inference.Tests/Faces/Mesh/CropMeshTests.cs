using System.Numerics;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;

namespace PortraitStream.Inference.Tests.Faces.Mesh;

/// <summary>The crop-space mesh an encoder reads: measured, or the canonical face standing in for an untrusted mesh.</summary>
public sealed class CropMeshTests : IDisposable
{
    private readonly FaceMeshPose _mesh = new(TestData.Sessions);
    private readonly BlazeFaceDetector _detector = new(TestData.Sessions);

    public void Dispose()
    {
        _mesh.Dispose();
        _detector.Dispose();
    }

    /// <summary>The canonical face on the keypoints: eye centres on the eyes, nose tip on the nose, nearer than the eyes.</summary>
    [Fact]
    public void FromKeypoints_PutsTheCanonicalFaceOnTheKeypoints()
    {
        var face = Align();
        var mesh = CropMesh.FromKeypoints(_mesh.Canonical, face.Keypoints);
        Assert.Equal(FaceMesh.LandmarkCount, mesh.Length);
        var rightEye = (Flat(mesh[33]) + Flat(mesh[133])) / 2;
        var leftEye = (Flat(mesh[263]) + Flat(mesh[362])) / 2;
        var tolerance = face.Keypoints.EyeDistance * 0.15f;
        Assert.True(Vector2.Distance(rightEye, face.Keypoints.RightEye) < tolerance, $"right eye {rightEye} vs {face.Keypoints.RightEye}");
        Assert.True(Vector2.Distance(leftEye, face.Keypoints.LeftEye) < tolerance, $"left eye {leftEye} vs {face.Keypoints.LeftEye}");
        Assert.True(mesh[1].Z < mesh[33].Z, "the nose tip must be nearer the camera than the eye corner");
    }

    /// <summary>The measured mesh carried into the crop lands on the same face as the keypoints: its eyes near BlazeFace's.</summary>
    [Fact]
    public void FromMeasurement_LandsOnTheFaceInTheCrop()
    {
        var face = Align();
        var measured = _mesh.TryMeasure(TestData.Portrait, face.Geometry, FaceFraming.Default);
        Assert.NotNull(measured);
        var mesh = CropMesh.FromMeasurement(measured.Mesh, face.CropToImage);
        var rightEye = (Flat(mesh[33]) + Flat(mesh[133])) / 2;
        Assert.True(Vector2.Distance(rightEye, face.Keypoints.RightEye) < face.Keypoints.EyeDistance * 0.2f, $"right eye {rightEye} vs {face.Keypoints.RightEye}");
        Assert.True(mesh[1].Z < mesh[234].Z, "the nose tip must be nearer the camera than the face's side");
    }

    /// <summary>A tracker whose mesh is never trusted still hands encoders a mesh: the canonical face on the keypoints.</summary>
    [Fact]
    public void TrackerWithAnUntrustedMesh_CarriesTheKeypointMesh()
    {
        using var refusing = new FaceMeshPose(TestData.Sessions) { MinConfidence = 2f };
        var tracker = new FaceTracker(_detector, FaceTrackerOptions.Default, refusing);
        var face = tracker.Track(TestData.Portrait, TimeSpan.Zero).Face!;
        Assert.NotNull(face.Mesh);
        var expected = CropMesh.FromKeypoints(refusing.Canonical, face.Keypoints);
        Assert.Equal(expected[1].X, face.Mesh[1].X, 0.01f);
    }

    private AlignedFace Align() => FaceAligner.Align(TestData.Portrait, Assert.Single(_detector.Detect(TestData.Portrait)), 256, FaceFraming.Default);

    private static Vector2 Flat(Vector3 p) => new(p.X, p.Y);
}
