using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Tests.WebRtc;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>SetViewerPose's values (issue #15 item 2): malformed poses refused naming what is wrong; the flood limit drops and counts.</summary>
public sealed class ViewerPoseTests
{
    private static readonly double[] Identity = [0, 0, 0, 1];

    public static TheoryData<double[]?, double[]?, double, string> Malformed => new()
    {
        { [double.NaN, 0, 0], Identity, 0, "position [NaN, 0, 0] must be finite" },
        { [0, double.PositiveInfinity, 0], Identity, 0, "must be finite and within ±10 m" },
        { [0, 0, -10.5], Identity, 0, "position [0, 0, -10.5] must be finite and within ±10 m" },
        { [0, 0], Identity, 0, "position must be [x, y, z] in metres, got 2 numbers" },
        { null, Identity, 0, "position must be [x, y, z] in metres, got nothing" },
        { [0, 0, 0], [0, 0, 0], 0, "orientation must be a quaternion [x, y, z, w], got 3 numbers" },
        { [0, 0, 0], [0, 0, 0, 2], 0, "must be a unit quaternion (length 2" },
        { [0, 0, 0], [0, 0, 0, 0], 0, "must be a unit quaternion (length 0" },
        { [0, 0, 0], [double.NaN, 0, 0, 1], 0, "must be a unit quaternion" },
        { [0, 0, 0], Identity, double.NaN, "timestamp NaN ms must be a finite number ≥ 0" },
        { [0, 0, 0], Identity, -1, "timestamp -1 ms must be a finite number ≥ 0" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedPose_IsRefusedSayingWhat(double[]? position, double[]? orientation, double timestampMs, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ViewerPose.From(position, orientation, timestampMs, 0));
        Assert.StartsWith("SetViewerPose: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NearlyUnitQuaternion_AndTheRoomsEdge_AreAccepted()
    {
        var pose = ViewerPose.From([10, -10, 0.25], [0, 0.7071, 0, 0.7121], 12.5, 42);
        Assert.Equal((10f, -10f, 0.25f, 12.5, 42L), (pose.Position.X, pose.Position.Y, pose.Position.Z, pose.TimestampMs, pose.ReceivedTicks));
    }

    [Fact]
    public void TimestampGoingBack_IsRefused_EqualIsNot()
    {
        var control = new SessionControl(new PipelineOptions(), TimeProvider.System);
        control.SetPose(ViewerPose.From([0, 0, 0], Identity, 100, 0));
        control.SetPose(ViewerPose.From([0, 0, 0], Identity, 100, 0));

        var e = Assert.Throws<ArgumentException>(() => control.SetPose(ViewerPose.From([0, 0, 0], Identity, 99.5, 0)));
        Assert.Equal("SetViewerPose: timestamp 99.5 ms is older than the previous pose's 100 ms", e.Message);
    }

    [Fact]
    public void Flood_BurstThenNinetyASecond_TheRestDroppedAndCounted()
    {
        var time = new ManualTimeProvider();
        var control = new SessionControl(new PipelineOptions(), time);
        Assert.Equal(SessionControl.PoseBurst, Enumerable.Range(0, 100).Count(_ => control.TryAdmitPose()));
        Assert.Equal(100 - SessionControl.PoseBurst, control.PosesDropped);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SessionControl.PoseBurst, Enumerable.Range(0, 200).Count(_ => control.TryAdmitPose()));
        for (var i = 0; i < 90; i++)
        {
            // A microsecond over 1/90 s (the clock's resolution): the bucket's refill is not rounded up.
            time.Advance(TimeSpan.FromMicroseconds(Math.Ceiling(1e6 / SessionControl.PosesPerSecond)));
            Assert.True(control.TryAdmitPose(), $"pose {i} at the steady 90 Hz");
        }
    }

    [Fact]
    public void NewestPose_SteersOnlyWhileFresh()
    {
        var control = new SessionControl(new PipelineOptions(), TimeProvider.System);
        Assert.Null(control.SteeringPose());
        control.SetPose(ViewerPose.From([0.1, 0, 0], Identity, 1, System.Diagnostics.Stopwatch.GetTimestamp()));
        Assert.Equal(0.1f, control.SteeringPose()?.Position.X);

        var stale = System.Diagnostics.Stopwatch.GetTimestamp() - (long)(SessionControl.PoseHold.TotalSeconds * 1.5 * System.Diagnostics.Stopwatch.Frequency);
        control.SetPose(ViewerPose.From([0.2, 0, 0], Identity, 2, stale));
        Assert.Null(control.SteeringPose());
    }
}
