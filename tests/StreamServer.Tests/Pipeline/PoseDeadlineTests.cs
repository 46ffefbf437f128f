using System.Diagnostics;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// When a viewer pose's frame goes before the next camera frame (issue #15, pose-to-photon ≤ 1.5 frame times): only
/// for a pose not yet shown that has waited more than a third of a camera render — a pose that came after the render's
/// restart window with none after it — never for a steady pose stream, whose newest pose each camera frame shows
/// within milliseconds.
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
    [InlineData(66.0, false)]   // shown by the camera frame at 66 + 200 = 266 ms, within 1⅓ × 200
    [InlineData(67.0, true)]    // the camera frame would show it after 1⅓ renders
    [InlineData(133.0, true)]   // came just after the last render's restart window
    public void PoseGoesFirst_OnlyWhenTheCameraFrameWouldShowItAfterAThirdOfARenderMore(double waitedMs, bool first)
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
        Assert.False(deadline.PoseGoesFirst(At(0), At(75)));
        Assert.True(deadline.PoseGoesFirst(At(0), At(85)));
    }
}
