using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Faces.Mesh;

/// <summary>
/// The tracker reuses its last face mesh while the face is still (<see cref="FaceStillness"/>): fewer mesh runs on a
/// still face, a fresh mesh on the frame after a cut or a move, and relief v2's pictures within 40 dB of a mesh on every frame.
/// </summary>
public sealed class FaceTrackerMeshReuseTests(TrackerNetworks networks, ITestOutputHelper output) : IClassFixture<TrackerNetworks>
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromSeconds(1.0 / 30);
    private static readonly FaceTrackerOptions Options = FaceTrackerOptions.Default with { CropSize = 256 };

    private readonly BlazeFaceDetector _detector = networks.Detector;
    private readonly FaceMeshPose _mesh = networks.Mesh;

    [Fact]
    public void StillNoisyFace_RunsTheMeshOnKeyFramesOnly()
    {
        var tracker = new FaceTracker(_detector, Options, _mesh);
        var results = Enumerable.Range(0, 12).Select(i => tracker.Track(StillFrame(i), FrameTime * i)).ToList();
        Assert.All(results, r => Assert.Equal(FaceTrackState.Tracking, r.State));
        // Frames 0, 4 and 8 at least; more only where the detector's steps moved the smoothed crop.
        var runs = results.Count(r => r.Mesh == NetworkUse.Ran);
        output.WriteLine($"mesh runs: {runs} of 12 frames");
        Assert.Equal(12 - runs, results.Count(r => r.Mesh == NetworkUse.Reused));
        Assert.InRange(runs, 3, 6);
    }

    [Fact]
    public void MovingFace_RunsTheMeshOnEveryFrame()
    {
        var tracker = new FaceTracker(_detector, Options, _mesh);
        for (var i = 0; i < 8; i++)
        {
            var (frame, _) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, 0, 300 + 2 * i, 240);
            Assert.Equal(NetworkUse.Ran, tracker.Track(frame, FrameTime * i).Mesh);
        }
    }

    /// <summary>A cut to another person where the face was: the very next frame measures the new face, not the old mesh.</summary>
    [Fact]
    public void CutToAnotherFace_MeasuresTheNewFaceOnTheNextFrame()
    {
        var other = TestData.Read("grace-hopper.jpg");
        var (cut, _) = Canvas.Place(other, 640, 480, 480f / other.Height, 0, 320, 240);
        var tracker = new FaceTracker(_detector, Options, _mesh);
        var i = 0;
        for (; i < 2; i++)
        {
            tracker.Track(StillFrame(i), FrameTime * i);
        }
        var after = tracker.Track(cut, FrameTime * i);
        Assert.Equal(NetworkUse.Ran, after.Mesh);

        // What a tracker that never reuses reads on the same frames, but for the smoothing of the frames before (the
        // noise its per-frame meshes saw): within a pixel everywhere.
        var fresh = new FaceTracker(_detector, Options with { MeshRefreshEvery = 1 }, _mesh);
        AlignedFace? last = null;
        for (var j = 0; j < i; j++)
        {
            last = fresh.Track(StillFrame(j), FrameTime * j).Face;
        }
        var expected = fresh.Track(cut, FrameTime * i).Face!.Mesh!;
        var actual = after.Face!.Mesh!;
        Assert.All(Enumerable.Range(0, expected.Length), k => Assert.True(Vector2.Distance(Flat(expected[k]), Flat(actual[k])) < 1f, $"landmark {k}"));
        // And the mesh did move to the new face (6.6 px at most when measured: the 1€ filter follows over a few frames).
        var moved = Enumerable.Range(0, expected.Length).Max(k => Vector2.Distance(Flat(last!.Mesh![k]), Flat(actual[k])));
        output.WriteLine($"largest landmark move at the cut: {moved:0.00} px");
        Assert.True(moved > 3f, $"the mesh moved only {moved:0.00} px at the cut");
    }

    /// <summary>
    /// The whole relief v2 frame (tracked crop, mesh, matte, encoder, live render) on a still, noisy face with a slow
    /// drift, with the mesh reused against a mesh on every frame: each frame's front and 30° views within 40 dB.
    /// </summary>
    [Fact]
    public void ReliefV2Pictures_WithReusedMesh_StayWithin40dB()
    {
        using var bundle = ModelBundle.Load(ReliefV2Bundle.Default, TestData.Sessions);
        using var inputs = new EncoderInputs(TestData.Sessions);
        var options = Options with { CropSize = bundle.Encoder.InputSize, Framing = bundle.Manifest.Encoder.Framing };
        var reusing = new FaceTracker(_detector, options, _mesh);
        var everyFrame = new FaceTracker(_detector, options with { MeshRefreshEvery = 1 }, _mesh);
        var worst = double.PositiveInfinity;
        var (runsReusing, runsEveryFrame) = (0, 0);
        for (var i = 0; i < 10; i++)
        {
            // A drift of a tenth of a pixel a frame: below what the detector calls a move, above nothing.
            var (placed, _) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, 0, 320 + 0.1f * i, 240);
            var frame = NoisyCanvas.WithNoise(placed, seed: i);
            var (trackA, trackB) = (reusing.Track(frame, FrameTime * i), everyFrame.Track(frame, FrameTime * i));
            runsReusing += trackA.Mesh == NetworkUse.Ran ? 1 : 0;
            runsEveryFrame += trackB.Mesh == NetworkUse.Ran ? 1 : 0;
            var (a, b) = (trackA.Face!, trackB.Face!);
            // One matte for both, so only the mesh differs (completed alike: the crop passes the picture's top edge,
            // where the matte also recolours it).
            var withMatte = inputs.Complete(b, frame, bundle.Encoder);
            var planesA = bundle.Encoder.Encode(inputs.Complete(a with { Matte = withMatte.Matte }, frame, bundle.Encoder));
            var planesB = bundle.Encoder.Encode(withMatte);
            foreach (var yaw in new[] { 0f, 30f })
            {
                var reference = Render(bundle, planesB, yaw);
                var psnr = ImageQuality.Psnr(Render(bundle, planesA, yaw), reference, PixelRegion.Whole(reference));
                output.WriteLine($"frame {i}, yaw {yaw}: {psnr:0.0} dB");
                worst = Math.Min(worst, psnr);
            }
        }
        output.WriteLine($"mesh runs: {runsReusing} reusing, {runsEveryFrame} every frame; worst {worst:0.0} dB");
        Assert.True(runsReusing < runsEveryFrame, "the still face never reused its mesh");
        Assert.True(worst >= 40, $"worst frame {worst:0.0} dB");
    }

    private static RgbImage Render(ModelBundle bundle, Triplanes planes, float yaw)
    {
        const int size = 256;
        var target = RenderTarget.Allocate(size, size);
        new CpuVolumeRenderer().Render(new RenderRequest(planes, bundle.Decoder, bundle.Rendering, new CameraView(yaw, 0), size, size)
        {
            Live = LiveSampling.ForOutput(size),
        }, target);
        return target.ToRgbImage();
    }

    private static Vector2 Flat(Vector3 point) => new(point.X, point.Y);

    private static RgbImage StillFrame(int i)
    {
        var (placed, _) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, 0, 320, 240);
        return NoisyCanvas.WithNoise(placed, seed: i);
    }
}
