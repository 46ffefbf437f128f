using System.Diagnostics;
using System.Numerics;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// Restarting a camera frame's render at a newer viewer pose (issue #15, pose-to-photon ≤ 1.5 frame times): a pose
/// that arrives early in the render and moves the picture stops it once, the frame is rendered again at the newest
/// pose and reports that pose; poses after the window, a head held still, or poses during the restart change nothing,
/// so a 90 Hz stream never costs a camera frame more than one restart. The hub's side is the real
/// <see cref="SessionControl.SetPose"/>; the render is a stand-in that stops where the CPU renderer does (between rows,
/// at the token), so the scheduling is tested alone — <c>PoseFrameTests</c> stops the real renderer.
/// </summary>
public sealed class PoseRestartTests
{
    private const double CameraRenderMs = 300; // a window of 100 ms

    private static ViewerPose Pose(float x, double timestampMs, double receivedInMs = 0) =>
        new(new Vector3(x, 0, 0), Quaternion.Identity, timestampMs,
            Stopwatch.GetTimestamp() + (long)(receivedInMs / 1000 * Stopwatch.Frequency));

    private static (SessionControl Control, PoseRestart Restart) Session(double cameraRenderMs = CameraRenderMs)
    {
        var control = new SessionControl(new PipelineOptions(), TimeProvider.System);
        var deadline = new PoseDeadline();
        if (cameraRenderMs > 0)
        {
            deadline.OnCameraFrameRendered(cameraRenderMs);
        }
        return (control, new PoseRestart(control.PoseRestart, deadline));
    }

    /// <summary>One attempt the stand-in render made: the pose, what it kept, whether it could be stopped.</summary>
    private sealed record Attempt(ViewerPose? Pose, RenderKind Kind, bool Stoppable);

    /// <summary>
    /// A render that, part-way, receives <paramref name="during"/> (per attempt, null: none) through the hub's path and
    /// then checks its stop as the renderer's next row would; returns the pose it rendered.
    /// </summary>
    private static (ViewerPose? Rendered, ViewerPose? Pose, bool Restarted) Render(SessionControl control, PoseRestart restart,
        List<Attempt> attempts, params ViewerPose?[] during) =>
        restart.Render(control.SteeringPose(), control.SteeringPose, (pose, kind, stop) =>
        {
            attempts.Add(new Attempt(pose, kind, stop.CanBeCanceled));
            if (during.ElementAtOrDefault(attempts.Count - 1) is { } arriving)
            {
                control.SetPose(arriving);
            }
            stop.ThrowIfCancellationRequested();
            return pose;
        });

    [Fact]
    public void NewerPose_EarlyInTheRender_RestartsOnceAtIt_AndTheFrameReportsIt()
    {
        var (control, restart) = Session();
        var a = Pose(0.00f, 1000);
        var b = Pose(0.05f, 1011);
        var c = Pose(0.10f, 1022);
        control.SetPose(a);
        var attempts = new List<Attempt>();

        var (rendered, pose, restarted) = Render(control, restart, attempts, b, c);

        Assert.True(restarted);
        Assert.Equal(b, rendered);
        Assert.Equal(b, pose);
        Assert.Equal([new Attempt(a, RenderKind.CameraFrame, true), new Attempt(b, RenderKind.CameraFrameRestart, false)], attempts);
    }

    /// <summary>A pose stream at 90 Hz, a pose arriving during every attempt: each camera frame is done in two attempts at most.</summary>
    [Fact]
    public void SteadyPoseStream_NeverStarvesCameraFrames()
    {
        var (control, restart) = Session();
        var timestamp = 1000.0;
        control.SetPose(Pose(0, timestamp));
        for (int frame = 0; frame < 30; frame++)
        {
            var attempts = new List<Attempt>();
            var poses = Enumerable.Range(0, 3).Select(_ => (ViewerPose?)Pose((float)Math.Sin(timestamp += 11.1), timestamp)).ToArray();

            var (rendered, pose, restarted) = Render(control, restart, attempts, poses);

            Assert.True(restarted);
            Assert.Equal(2, attempts.Count);
            Assert.Equal(poses[0], rendered);
            Assert.Equal(rendered, pose);
        }
    }

    [Fact]
    public void PoseAfterTheWindow_WaitsForTheNextFrame()
    {
        var (control, restart) = Session();
        var a = Pose(0, 1000);
        control.SetPose(a);
        var attempts = new List<Attempt>();

        var (rendered, pose, restarted) = Render(control, restart, attempts, Pose(0.05f, 1200, receivedInMs: 200));

        Assert.False(restarted);
        Assert.Equal((a, a), (rendered, pose));
        Assert.Single(attempts);
    }

    [Fact]
    public void HeadHeldStill_SamePoseNewerTimestamp_DoesNotRestart()
    {
        var (control, restart) = Session();
        var a = Pose(0.02f, 1000);
        control.SetPose(a);
        var attempts = new List<Attempt>();

        var (_, pose, restarted) = Render(control, restart, attempts, a with { TimestampMs = 1011, ReceivedTicks = Stopwatch.GetTimestamp() });

        Assert.False(restarted);
        Assert.Equal(a, pose);
    }

    /// <summary>Nothing to restart for: no pose steers (SetView's view), or no camera render's time is known yet to size the window.</summary>
    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, CameraRenderMs)]
    public void NoWindow_OneAttemptThatCannotBeStopped(bool steering, double cameraRenderMs)
    {
        var (control, restart) = Session(cameraRenderMs);
        if (steering)
        {
            control.SetPose(Pose(0, 1000));
        }
        var attempts = new List<Attempt>();

        var (_, _, restarted) = Render(control, restart, attempts, Pose(0.05f, 1011));

        Assert.False(restarted);
        Assert.False(Assert.Single(attempts).Stoppable);
    }

    /// <summary>A pose arriving between camera frames (the window closed with its attempt) stops nothing later.</summary>
    [Fact]
    public void PoseBetweenFrames_DoesNotStopTheNextFrame()
    {
        var (control, restart) = Session();
        control.SetPose(Pose(0, 1000));
        Render(control, restart, []);
        control.SetPose(Pose(0.05f, 1011));
        var attempts = new List<Attempt>();

        var (_, _, restarted) = Render(control, restart, attempts);

        Assert.False(restarted);
        Assert.Equal(0.05f, Assert.Single(attempts).Pose!.Value.Position.X);
    }
}
