using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;

namespace PortraitStream.Inference.Tests.Faces.Mesh;

/// <summary>The tracker's head angles come from the face mesh when it is trusted, and from BlazeFace's keypoints otherwise.</summary>
public sealed class FaceTrackerMeshTests(TrackerNetworks networks) : IClassFixture<TrackerNetworks>
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromSeconds(1.0 / 30);
    private static readonly FaceTrackerOptions Options = FaceTrackerOptions.Default with { DetectEvery = 1, CropSize = 64 };

    private readonly BlazeFaceDetector _detector = networks.Detector;
    private readonly FaceMeshPose _mesh = networks.Mesh;

    [Fact]
    public void WithTheMesh_TheTrackedHeadIsTheMeshReading()
    {
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        var direct = _mesh.TryMeasure(TestData.Portrait, FaceCropGeometry.From(face, Options.Framing), Options.Framing);
        Assert.NotNull(direct);

        var tracked = Track(new FaceTracker(_detector, Options, _mesh));
        Assert.Equal(direct.Head.YawDegrees, tracked.YawDegrees, 0.5f);
        Assert.Equal(direct.Head.PitchDegrees, tracked.PitchDegrees, 0.5f);
    }

    /// <summary>
    /// A mesh that is never trusted (a confidence threshold above 1, so every frame's mesh is refused — the path a
    /// failed or faceless mesh takes) leaves the tracker exactly where the keypoint-only tracker is, without exceptions.
    /// </summary>
    [Fact]
    public void WhenTheMeshIsNotTrusted_TheTrackerFallsBackToTheKeypointPose()
    {
        using var refusing = new FaceMeshPose(TestData.Sessions) { MinConfidence = 2f };
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        Assert.Null(refusing.TryMeasure(TestData.Portrait, FaceCropGeometry.From(face, Options.Framing), Options.Framing));

        var fallback = Track(new FaceTracker(_detector, Options, refusing));
        var keypoints = Track(new FaceTracker(_detector, Options));
        Assert.Equal(keypoints, fallback);
    }

    /// <summary>A mesh run on a crop with no face in it (the corner of the no-face photo) is refused, not trusted.</summary>
    [Fact]
    public void MeshOnAFacelessCrop_IsRefused()
    {
        var image = TestData.Read("no-face.jpg");
        var corner = new FaceCropGeometry(new(60, 60), 100, 0);
        Assert.Null(_mesh.TryMeasure(image, corner, FaceFraming.Default with { CropScale = FaceMesh.CropScale }));
    }

    private static HeadAngles Track(FaceTracker tracker) =>
        Enumerable.Range(0, 10).Select(i => tracker.Track(TestData.Portrait, FrameTime * i)).Last().Face!.Head;
}
