using System.Globalization;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Tests.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>
/// Head pitch measured where the truth is known: the committed portrait's relief rendered from cameras at known pitch
/// and yaw, BlazeFace run on each render. A camera raised by p sees the head tilted down by p, so the estimate must
/// come out near −p. Measured (160², 12 + 12 samples): at yaw 0 monotonic over ±15° with errors ≤ 3.3°; at yaw ±15°,
/// pitch ±10° errors ≤ 4.9°. Across 160–192 px and 8–16 samples the worst seen were 4.8° and 5.9°, hence the bounds.
/// The relief's head is a prior, not a scan: these bound the estimator on that geometry, not on every real head.
/// </summary>
public class HeadPoseOnRendersTests(RenderedPortrait portrait, ITestOutputHelper output) : IClassFixture<RenderedPortrait>
{
    /// <summary>Small renders keep the test quick; BlazeFace still sees the face at about 70 px.</summary>
    private static readonly SampleCounts Samples = new(12, 12);
    private const int RenderSize = 160;

    private const float MaxErrorFacingCamera = 6f;
    private const float MaxErrorTurned = 7f;

    [Fact]
    public void AtYaw0_PitchIsMonotonic_HasTheCameraCancellingSign_AndIsWithinTheBound()
    {
        float[] cameraPitches = [-15, -10, -5, 0, 5, 10, 15];
        var estimates = cameraPitches.Select(p => Estimate(0, p)).ToArray();
        for (var i = 1; i < estimates.Length; i++)
        {
            Assert.True(estimates[i] < estimates[i - 1],
                $"camera pitch {cameraPitches[i - 1]}° → {estimates[i - 1]:F1}°, {cameraPitches[i]}° → {estimates[i]:F1}°: not decreasing");
        }
        for (var i = 0; i < estimates.Length; i++)
        {
            AssertNear(-cameraPitches[i], estimates[i], MaxErrorFacingCamera);
        }
    }

    [Theory]
    [InlineData(15f, 10f)]
    [InlineData(15f, -10f)]
    [InlineData(-15f, 10f)]
    [InlineData(-15f, -10f)]
    public void TurnedHead_PitchHasTheRightSign_AndIsWithinTheBound(float cameraYaw, float cameraPitch)
    {
        var estimate = Estimate(cameraYaw, cameraPitch);
        Assert.Equal(-MathF.Sign(cameraPitch), MathF.Sign(estimate));
        AssertNear(-cameraPitch, estimate, MaxErrorTurned);
    }

    /// <summary>
    /// The tracker carries the head pitch in its result and smooths it: a head that nods from one render's pitch to
    /// another's between two frames glides there over a few frames instead of jumping.
    /// </summary>
    [Fact]
    public void Tracker_CarriesTheHeadPitch_AndGlidesToANewOne()
    {
        var (up, down) = (Render(0, -10), Render(0, 10));
        var (upPitch, downPitch) = (Estimate(up), Estimate(down));
        using var detector = new BlazeFaceDetector(TestData.Sessions);
        var tracker = new FaceTracker(detector, FaceTrackerOptions.Default with { DetectEvery = 1, CropSize = 64 });
        var frameTime = TimeSpan.FromSeconds(1.0 / 30);
        var pitches = Enumerable.Range(0, 40).Select(i => tracker.Track(i < 10 ? up : down, frameTime * i).Face!.Head.PitchDegrees).ToArray();
        output.WriteLine($"tracked pitch: {string.Join(" ", pitches.Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))}");

        Assert.All(pitches[..10], p => Assert.Equal(upPitch, p, 0.5f));
        // The first frame of the new pose moves less than half way; then every frame moves on toward it.
        Assert.InRange(pitches[10], downPitch + (upPitch - downPitch) / 2, upPitch - 0.1f);
        for (var i = 11; i < pitches.Length; i++)
        {
            Assert.True(pitches[i] <= pitches[i - 1] + 0.01f, $"frame {i}: {pitches[i]:F2}° after {pitches[i - 1]:F2}°");
        }
        Assert.Equal(downPitch, pitches[^1], 1f);
    }

    private float Estimate(float cameraYaw, float cameraPitch)
    {
        var pitch = Estimate(Render(cameraYaw, cameraPitch));
        output.WriteLine($"camera yaw {cameraYaw,4}° pitch {cameraPitch,4}°: head pitch {pitch,6:F1}° (truth {-cameraPitch}°)");
        return pitch;
    }

    private RgbImage Render(float cameraYaw, float cameraPitch) =>
        portrait.Render(new CameraView(cameraYaw, cameraPitch), Samples, RenderSize).ToRgbImage();

    private static float Estimate(RgbImage render)
    {
        using var detector = new BlazeFaceDetector(TestData.Sessions);
        var face = Assert.Single(detector.Detect(render));
        // Aligned for the roll-free keypoints HeadPose expects.
        var aligned = FaceAligner.Align(render, face, RenderSize, FaceFraming.Default);
        return HeadPose.PitchDegrees(aligned.Keypoints);
    }

    private static void AssertNear(float truth, float estimate, float bound) =>
        Assert.True(MathF.Abs(estimate - truth) <= bound, $"head pitch {estimate:F1}°, truth {truth}°, bound ±{bound}°");
}
