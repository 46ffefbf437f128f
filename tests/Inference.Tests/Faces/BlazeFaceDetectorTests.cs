using System.Numerics;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Faces;

public sealed class BlazeFaceDetectorTests : IDisposable
{
    private readonly BlazeFaceDetector _detector = new(TestData.Sessions);

    public void Dispose() => _detector.Dispose();

    [Fact]
    public void Portrait_HasOneFace_WithKeypointsInAnatomicalOrder()
    {
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        var k = face.Keypoints;
        Assert.InRange(face.Score, 0.75f, 1f);
        // Image y grows downwards: eyes above the nose tip, nose tip above the mouth.
        Assert.True(MathF.Max(k.RightEye.Y, k.LeftEye.Y) < k.NoseTip.Y, $"eyes {k.RightEye}/{k.LeftEye} not above nose {k.NoseTip}");
        Assert.True(k.NoseTip.Y < k.Mouth.Y, $"nose {k.NoseTip} not above mouth {k.Mouth}");
        // The subject's right eye and ear appear on the image's left in an unmirrored photo.
        Assert.True(k.RightEye.X < k.LeftEye.X && k.RightEar.X < k.LeftEar.X);
        // The box holds the eyes, nose and mouth, and is a plausible face size relative to the eye distance.
        foreach (var point in new[] { k.RightEye, k.LeftEye, k.NoseTip, k.Mouth })
        {
            Assert.True(face.Box.Contains(point), $"{point} outside {face.Box}");
        }
        Assert.InRange(face.Box.Width / k.EyeDistance, 1.5f, 3.5f);
    }

    [Fact]
    public void Portrait_FaceIsWhereThePhotoHasIt()
    {
        // Eileen Collins' face in the 512² NASA portrait spans roughly x 170–280, y 75–180 (measured by eye on the image).
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        Assert.InRange(face.Box.Center.X, 200, 250);
        Assert.InRange(face.Box.Center.Y, 100, 155);
        Assert.InRange(face.Box.Width, 70, 130);
    }

    [Fact]
    public void NoFaceImage_HasNoDetections()
    {
        Assert.Empty(_detector.Detect(TestData.Read("no-face.jpg")));
    }

    [Fact]
    public void UniformImage_HasNoDetections()
    {
        var grey = new RgbImage(640, 480);
        Array.Fill(grey.Pixels, (byte)128);
        Assert.Empty(_detector.Detect(grey));
    }

    [Fact]
    public void NoiseFrame_HasNoDetections_EvenAtTwiceTheZoom()
    {
        // The zoomed search runs six more inferences on a frame without a face: six more chances of a false face.
        var noise = new RgbImage(1280, 720);
        new Random(7).NextBytes(noise.Pixels);
        Assert.Empty(_detector.Detect(noise));
    }

    [Theory]
    [InlineData(640f, 500f)]   // mid-frame: across the first tile's right edge, whole in the second tile
    [InlineData(160f, 330f)]   // by the left edge, high in the frame
    [InlineData(1150f, 650f)]  // low in the bottom right corner
    // A person a metre from a 720p webcam: the face box spans about 100 px of 1280 (7.8 %), under the whole-frame
    // pass's reach (about 1/6.5 of the longer side), within the zoomed search's.
    public void FaceAMetreFromA720pWebcam_IsFoundByTheZoomedSearch(float cx, float cy)
    {
        var reference = Assert.Single(_detector.Detect(TestData.Portrait));
        var (canvas, toCanvas) = Canvas.Place(TestData.Portrait, 1280, 720, 1.0f, 0, cx, cy);
        using var wholeFrameOnly = new BlazeFaceDetector(TestData.Sessions, FaceDetectorOptions.Default with { ZoomedSearch = false });
        Assert.Empty(wholeFrameOnly.Detect(canvas));

        var face = Assert.Single(_detector.Detect(canvas));
        AssertKeypointsFollow(reference, face, toCanvas, 1.0f);
        Assert.InRange(face.Box.Width, 0.85f * reference.Box.Width, 1.15f * reference.Box.Width);
    }

    [Fact]
    public void SmallFaceTheWholeFramePassMisses_IsFoundNearWhereItWasLastSeen()
    {
        var reference = Assert.Single(_detector.Detect(TestData.Portrait));
        using var nearOnly = new BlazeFaceDetector(TestData.Sessions, FaceDetectorOptions.Default with { ZoomedSearch = false });
        var (before, _) = Canvas.Place(TestData.Portrait, 1280, 720, 1.0f, 0, 600, 480);
        var lastSeen = Assert.Single(_detector.Detect(before));
        // Three frames later (the tracker's detection interval) the face has moved a third of its width.
        var (after, toCanvas) = Canvas.Place(TestData.Portrait, 1280, 720, 1.0f, 0, 635, 490);

        Assert.Empty(nearOnly.Detect(after));
        var face = Assert.Single(nearOnly.Detect(after, near: lastSeen));
        AssertKeypointsFollow(reference, face, toCanvas, 1.0f);
    }

    [Theory]
    [InlineData(1.0f, 0f, 320f, 240f)]
    [InlineData(1.3f, 0f, 300f, 330f)]
    [InlineData(1.2f, 15f, 380f, 320f)]
    [InlineData(1.1f, -25f, 320f, 300f)]
    // Webcam-like framing: the face spans 100–125 px of a 640×480 frame.
    public void MovedScaledRotatedPortrait_KeypointsFollowTheFace(float scale, float degrees, float cx, float cy)
    {
        var reference = Assert.Single(_detector.Detect(TestData.Portrait));
        var (canvas, toCanvas) = Canvas.Place(TestData.Portrait, 640, 480, scale, degrees, cx, cy);
        var face = Assert.Single(_detector.Detect(canvas));
        AssertKeypointsFollow(reference, face, toCanvas, scale);
    }

    /// <summary>
    /// A tracker's step between searches: the face as the last frame had it, found again by one inference after it
    /// moved a quarter of its width and rolled 10°; nothing where it has gone.
    /// </summary>
    [Fact]
    public void FollowedFace_IsFoundWhereItMoved_AndNotWhereItIsGone()
    {
        var reference = Assert.Single(_detector.Detect(TestData.Portrait));
        var (before, _) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, 0f, 300f, 300f);
        var last = Assert.Single(_detector.Detect(before));
        float quarter = 0.25f * reference.Box.Width * 1.2f;
        var (after, toCanvas) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, 10f, 300f + quarter, 300f);

        var followed = _detector.Follow(after, last);

        Assert.NotNull(followed);
        AssertKeypointsFollow(reference, followed, toCanvas, 1.2f);
        var empty = new RgbImage(640, 480);
        Array.Fill(empty.Pixels, (byte)128);
        Assert.Null(_detector.Follow(empty, last));
    }

    /// <summary>Eyes, nose and mouth where the placed portrait has them, within a fifth of the eye distance.</summary>
    private static void AssertKeypointsFollow(FaceDetection reference, FaceDetection face, Func<Vector2, Vector2> toCanvas, float scale)
    {
        var tolerance = 0.2f * reference.Keypoints.EyeDistance * scale;
        for (var i = 0; i < 4; i++) // eyes, nose, mouth: the ears are less precise on a rotated head
        {
            var expected = toCanvas(reference.Keypoints[i]);
            Assert.True(Vector2.Distance(expected, face.Keypoints[i]) < tolerance,
                $"keypoint {i}: expected {expected}, got {face.Keypoints[i]} (tolerance {tolerance:0.0} px)");
        }
    }
}
