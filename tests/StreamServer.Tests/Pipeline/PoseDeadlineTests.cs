using System.Diagnostics;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// When a viewer pose's frame goes before the next camera frame (issue #15, pose-to-photon ≤ 1.5 frame times): only
/// for a pose not yet shown that has waited more than half a camera render — the pose that came just after a render
/// started with none after it — never for a steady pose stream, whose newest pose each camera frame shows within
/// milliseconds.
/// </summary>
public sealed class PoseDeadlineTests
{
    private static readonly long T0 = Stopwatch.GetTimestamp();

    private static long At(double ms) => T0 + (long)(ms / 1000 * Stopwatch.Frequency);

    private static PoseDeadline Rendered(params double[] cameraRenderMs)
    {
        var deadline = new PoseDeadline();
        foreach (var ms in cameraRenderMs)
        {
            deadline.OnCameraFrameRendered(ms);
        }
        return deadline;
    }

    [Theory]
    [InlineData(5.0, false)]    // a steady stream: the newest pose is milliseconds old
    [InlineData(100.0, false)]  // shown by the camera frame at 100 + 200 = 300 ms, within 1.5 × 200
    [InlineData(101.0, true)]   // the camera frame would show it after the target
    [InlineData(199.0, true)]   // came just after the last render started
    public void PoseGoesFirst_OnlyWhenTheCameraFrameWouldShowItAfterTheTarget(double waitedMs, bool first)
    {
        Assert.Equal(first, Rendered(200).PoseGoesFirst(At(0), At(waitedMs)));
    }

    [Fact]
    public void NoUnshownPose_OrNoCameraRenderYet_CameraFrameFirst()
    {
        Assert.False(Rendered(200).PoseGoesFirst(null, At(500)));
        Assert.False(new PoseDeadline().PoseGoesFirst(At(0), At(500)));
    }

    [Fact]
    public void CameraRenderTime_IsSmoothed_NotTheLastFrameAlone()
    {
        var deadline = Rendered(200, 400);

        Assert.Equal(240, deadline.CameraRenderMs, 6);
        Assert.False(deadline.PoseGoesFirst(At(0), At(115)));
        Assert.True(deadline.PoseGoesFirst(At(0), At(125)));
    }
}
