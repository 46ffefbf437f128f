using System.Numerics;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Faces;

public sealed class FaceTrackerTests : IDisposable
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromSeconds(1.0 / 30);
    private readonly BlazeFaceDetector _detector = new(TestData.Sessions);

    public void Dispose() => _detector.Dispose();

    [Fact]
    public void MovingAndZoomingPortrait_CropStaysOnTheFace_WithoutJumps()
    {
        var reference = Assert.Single(_detector.Detect(TestData.Portrait));
        var tracker = new FaceTracker(_detector, FaceTrackerOptions.Default with { CropSize = 128 });
        Vector2? previousCenter = null;
        float? previousSide = null;
        const int Frames = 40;
        for (var i = 0; i < Frames; i++)
        {
            // The portrait glides 4 px/frame to the right and 1 px/frame down while zooming from 1.1 to 1.3.
            var scale = 1.1f + 0.2f * i / (Frames - 1);
            var (frame, toCanvas) = Canvas.Place(TestData.Portrait, 640, 480, scale, 0, 220 + 4 * i, 300 + i);
            var result = tracker.Track(frame, FrameTime * i);

            Assert.Equal(FaceTrackState.Tracking, result.State);
            var geometry = result.Face!.Geometry;
            var trueFace = toCanvas(reference.Box.Center);
            var faceSize = reference.Box.Width * scale;
            // On the face: the smoothed crop centre lags the moving face by less than a third of its size.
            Assert.True(Vector2.Distance(geometry.Center, trueFace) < faceSize / 3,
                $"frame {i}: crop centre {geometry.Center} vs face {trueFace}");
            // Smooth: from one frame to the next the crop moves at most a little more than the face (≈ 4.1 px).
            if (previousCenter is { } c && previousSide is { } s)
            {
                Assert.True(Vector2.Distance(c, geometry.Center) < 8f, $"frame {i}: crop jumped {Vector2.Distance(c, geometry.Center):0.0} px");
                Assert.InRange(geometry.Side / s, 0.97f, 1.03f);
            }
            (previousCenter, previousSide) = (geometry.Center, geometry.Side);
        }
    }

    /// <summary>
    /// With the smoothing off, the crop is each frame's reading of the face: between whole-frame searches it must still
    /// be this frame's, not the last search's (which lagged a face moving 12 px a frame by up to 24 px).
    /// </summary>
    [Fact]
    public void MovingFace_TheCropIsCutWhereTheFaceIs_OnFramesBetweenSearches()
    {
        var reference = Assert.Single(_detector.Detect(TestData.Portrait));
        var unsmoothed = FaceTrackerOptions.Default with { CropSize = 64, CenterSmoothing = (1e4f, 0f), ShapeSmoothing = (1e4f, 0f) };
        var tracker = new FaceTracker(_detector, unsmoothed);
        var results = new List<FaceTrackResult>();
        for (var i = 0; i < 12; i++)
        {
            var (frame, toCanvas) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, 0, 180 + 12 * i, 300);
            var result = tracker.Track(frame, FrameTime * i);
            results.Add(result);

            var error = Vector2.Distance(result.Face!.Geometry.Center, toCanvas(reference.Box.Center));
            Assert.True(error < 4f, $"frame {i} ({(result.Detected ? "search" : "between searches")}): crop centre {error:0.0} px off the face");
        }
        Assert.Contains(results, r => !r.Detected);
    }

    [Fact]
    public void FaceAMetreFromA720pWebcam_IsTrackedAsItMoves()
    {
        // A 100 px face in a 1280×720 frame: found by the zoomed search, then by looking where it was on each
        // detection frame (the whole-frame pass never sees it).
        var reference = Assert.Single(_detector.Detect(TestData.Portrait));
        var tracker = new FaceTracker(_detector, FaceTrackerOptions.Default with { CropSize = 128 });
        for (var i = 0; i < 30; i++)
        {
            var (frame, toCanvas) = Canvas.Place(TestData.Portrait, 1280, 720, 1.0f, 0, 500 + 5 * i, 480 + i);
            var result = tracker.Track(frame, FrameTime * i);

            Assert.Equal(FaceTrackState.Tracking, result.State);
            var trueFace = toCanvas(reference.Box.Center);
            Assert.True(Vector2.Distance(result.Face!.Geometry.Center, trueFace) < reference.Box.Width / 3,
                $"frame {i}: crop centre {result.Face.Geometry.Center} vs face {trueFace}");
        }
    }

    [Fact]
    public void WhileSearching_TheZoomedSearchRunsEveryThirdFrame()
    {
        // Nobody in view on frame 0 (a zoomed search), then a face only the zoomed search sees: missed on frames 1 and 2,
        // which search the whole frame alone, found on frame 3.
        var empty = new RgbImage(1280, 720);
        Array.Fill(empty.Pixels, (byte)128);
        var (small, _) = Canvas.Place(TestData.Portrait, 1280, 720, 1.0f, 0, 640, 480);
        var tracker = new FaceTracker(_detector, FaceTrackerOptions.Default with { CropSize = 64 });
        var states = new[] { empty, small, small, small, small }.Select((frame, i) => tracker.Track(frame, FrameTime * i).State);
        Assert.Equal([FaceTrackState.NoFace, FaceTrackState.NoFace, FaceTrackState.NoFace, FaceTrackState.Tracking, FaceTrackState.Tracking], states);
    }

    [Fact]
    public void StillPortrait_DetectsEveryKFrames_AndKeepsTheCropSteady()
    {
        var tracker = new FaceTracker(_detector, FaceTrackerOptions.Default with { DetectEvery = 4, CropSize = 64 });
        var results = Enumerable.Range(0, 12).Select(i => tracker.Track(TestData.Portrait, FrameTime * i)).ToList();
        Assert.Equal([true, false, false, false, true, false, false, false, true, false, false, false], results.Select(r => r.Detected));
        var first = results[0].Face!.Geometry;
        Assert.All(results, r => Assert.True(Vector2.Distance(r.Face!.Geometry.Center, first.Center) < 0.5f));
    }

    /// <summary>
    /// A still face under camera noise, in a webcam frame: every frame's detection (searched or followed) reads it a
    /// little apart, and the dead band keeps the crop where the first one put it instead of passing the jitter on.
    /// </summary>
    [Fact]
    public void StillFaceUnderCameraNoise_TheCropDoesNotMove()
    {
        var (placed, _) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, 0, 320, 260);
        var tracker = new FaceTracker(_detector, FaceTrackerOptions.Default with { CropSize = 64 });
        var geometries = Enumerable.Range(0, 12)
            .Select(i => tracker.Track(NoisyCanvas.WithNoise(placed, seed: i, amplitude: 8), FrameTime * i).Face!.Geometry)
            .ToList();

        var drift = geometries.Max(g => Vector2.Distance(g.Center, geometries[0].Center));
        Assert.True(drift < 0.05f, $"the crop drifted {drift:0.00} px on a still face");
    }

    [Fact]
    public void LostFace_HoldsTheLastCrop_ThenReportsNoFace_ThenReacquires()
    {
        var noFace = TestData.Read("no-face.jpg");
        // Detect on every frame so the loss is seen at once (with k > 1 it is seen within k frames).
        var options = FaceTrackerOptions.Default with { DetectEvery = 1, HoldWhenLost = TimeSpan.FromSeconds(0.5), CropSize = 64 };
        var tracker = new FaceTracker(_detector, options);
        var t = TimeSpan.Zero;
        FaceTrackResult Next(RgbImage frame) => tracker.Track(frame, t += FrameTime);

        var tracked = Next(TestData.Portrait);
        Assert.Equal(FaceTrackState.Tracking, tracked.State);
        var held = Next(noFace);
        Assert.Equal(FaceTrackState.Holding, held.State);
        Assert.Equal(tracked.Face!.Geometry, held.Face!.Geometry);
        FaceTrackResult last = held;
        for (var i = 0; i < 20; i++) // 20 frames ≈ 0.67 s > 0.5 s hold
        {
            last = Next(noFace);
        }
        Assert.Equal(FaceTrackState.NoFace, last.State);
        Assert.Null(last.Face);
        Assert.Equal(FaceTrackState.Tracking, Next(TestData.Portrait).State);
    }

    [Fact]
    public void NeverAFace_IsNoFace_NotAnException()
    {
        var tracker = new FaceTracker(_detector);
        var noFace = TestData.Read("no-face.jpg");
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(FaceTrackState.NoFace, tracker.Track(noFace, FrameTime * i).State));
    }
}
