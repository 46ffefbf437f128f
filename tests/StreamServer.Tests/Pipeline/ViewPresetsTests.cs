using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Camera;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Tests.WebRtc;

namespace PortraitStream.Server.Tests.Pipeline;

public sealed class ViewPresetsTests
{
    private static readonly CameraView Zoomed = new(10, 10, 10, 2, 25);

    [Theory]
    [InlineData("front", ViewPreset.Front)]
    [InlineData("gaze", ViewPreset.Gaze)]
    [InlineData("three-quarter", ViewPreset.ThreeQuarter)]
    [InlineData("orbit", ViewPreset.Orbit)]
    public void WireNames_RoundTrip(string name, ViewPreset preset)
    {
        Assert.True(ViewPresets.TryParse(name, out var parsed));
        Assert.Equal(preset, parsed);
        Assert.Equal(name, ViewPresets.Names[(int)preset]);
    }

    [Theory]
    [InlineData("Front")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-1")]
    [InlineData("orbit\0")]
    public void UnknownNames_AreRefused(string? name) => Assert.False(ViewPresets.TryParse(name, out _));

    [Fact]
    public void FixedPresets_KeepZoomAndFov()
    {
        Assert.Equal(new CameraView(0, 0, 0, 2, 25), ViewPresets.Target(ViewPreset.Front, Zoomed, TimeSpan.Zero, new HeadAngles(12, 8)));
        Assert.Equal(new CameraView(30, 5, 0, 2, 25), ViewPresets.Target(ViewPreset.ThreeQuarter, Zoomed, TimeSpan.FromHours(1), new HeadAngles(12, 8)));
    }

    [Theory]
    [InlineData(-12f, 12f)]
    [InlineData(20f, -20f)]
    [InlineData(-80f, ViewPresets.MaxGazeYawDegrees)]
    [InlineData(float.NaN, 0f)]
    public void Gaze_FollowsTheHeadYaw_WithinItsLimit(float headYaw, float cameraYaw) =>
        Assert.Equal(cameraYaw, ViewPresets.Target(ViewPreset.Gaze, Zoomed, TimeSpan.Zero, new HeadAngles(headYaw, 0)).YawDegrees, 3);

    /// <summary>
    /// A webcam below the screen sees the face tilted up (negative pitch: as if seen from below): the gaze camera rises
    /// to meet it, within its
    /// limit, whatever the yaw; zoom and field of view stay.
    /// </summary>
    [Theory]
    [InlineData(-12f, 12f)]
    [InlineData(8f, -8f)]
    [InlineData(-45f, ViewPresets.MaxGazePitchDegrees)]
    [InlineData(45f, -ViewPresets.MaxGazePitchDegrees)]
    [InlineData(float.PositiveInfinity, 0f)]
    [InlineData(float.NaN, 0f)]
    public void Gaze_FollowsTheHeadPitch_WithinItsLimit(float headPitch, float cameraPitch)
    {
        var view = ViewPresets.Target(ViewPreset.Gaze, Zoomed, TimeSpan.Zero, new HeadAngles(15, headPitch));
        Assert.Equal(new CameraView(-15, cameraPitch, 0, 2, 25), view);
        view.Validate();
    }

    [Fact]
    public void Orbit_SwingsWithItsPeriodAndAmplitude()
    {
        var quarter = ViewPresets.OrbitPeriod / 4;
        Assert.Equal(0, ViewPresets.Target(ViewPreset.Orbit, Zoomed, TimeSpan.Zero, default).YawDegrees, 3);
        Assert.Equal(ViewPresets.OrbitAmplitudeDegrees, ViewPresets.Target(ViewPreset.Orbit, Zoomed, quarter, default).YawDegrees, 3);
        Assert.Equal(-ViewPresets.OrbitAmplitudeDegrees, ViewPresets.Target(ViewPreset.Orbit, Zoomed, quarter * 3, default).YawDegrees, 3);
    }

    [Fact]
    public void Controller_SetViewEndsThePreset_AndEasesTowardIt()
    {
        var time = new ManualTimeProvider();
        var controller = new ViewController(TimeSpan.FromMilliseconds(100), time);
        controller.SetPreset(ViewPreset.ThreeQuarter);
        Assert.Equal(30, controller.Next(default, ViewRange.Unlimited).YawDegrees);
        controller.SetView(new CameraView(-30, 0));
        Assert.Null(controller.Preset);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(30 - 60 * (1 - Math.Exp(-1)), controller.Next(default, ViewRange.Unlimited).YawDegrees, 0.5);
    }

    /// <summary>
    /// A view past the model's range is eased toward the range's edge, not past it, and a turn back starts from that
    /// edge at once (the smoothing never wanders outside to come back).
    /// </summary>
    [Fact]
    public void Controller_KeepsTheViewInsideTheModelsRange()
    {
        var time = new ManualTimeProvider();
        var controller = new ViewController(TimeSpan.FromMilliseconds(100), time);
        var range = new ViewRange(45, 25);
        controller.SetView(new CameraView(170, -60, 0, 2));
        var view = controller.Next(default, range);
        Assert.Equal(new CameraView(45, -25, 0, 2), view);
        for (var frame = 0; frame < 20; frame++)
        {
            time.Advance(TimeSpan.FromMilliseconds(40));
            Assert.True(range.Contains(controller.Next(default, range)));
        }
        controller.SetView(new CameraView(0, 0, 0, 2));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(45 * Math.Exp(-1), controller.Next(default, range).YawDegrees, 0.5);
    }

    [Fact]
    public void Controller_InGaze_EasesTowardTheTrackedHead()
    {
        var time = new ManualTimeProvider();
        var controller = new ViewController(TimeSpan.FromMilliseconds(100), time);
        controller.SetPreset(ViewPreset.Gaze);
        Assert.Equal(CameraView.Front, controller.Next(default, ViewRange.Unlimited));
        time.Advance(TimeSpan.FromMilliseconds(100));
        var view = controller.Next(new HeadAngles(-10, -12), ViewRange.Unlimited);
        var eased = 1 - Math.Exp(-1);
        Assert.Equal(10 * eased, view.YawDegrees, 0.5);
        Assert.Equal(12 * eased, view.PitchDegrees, 0.5);
    }
}
