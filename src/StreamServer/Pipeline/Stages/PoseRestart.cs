using System.Diagnostics;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// A camera frame's render that a newer viewer pose abandons, early, to render the frame at that pose instead
/// (issue #15: server pose-to-photon ≤ <see cref="PoseDeadline.TargetFrameTimes"/> frame times). Render-bound, a pose
/// that arrives just after a camera render started, with none after it, would wait for that render and then for its
/// own pose frame: up to 1.6 camera renders. So while the first <see cref="WindowFraction"/> of a render (by the
/// smoothed camera render time) has not passed, the first pose that arrives and moves the picture stops it
/// (<see cref="PoseRestartWindow"/>) and the frame is rendered again at the newest pose, keeping the field and
/// occupancy grid the first attempt loaded (<see cref="RenderKind.CameraFrameRestart"/>). The CPU renderer finishes
/// the grid and stops between rows of the view passes, so a pose arriving while the grid is built costs nothing, and
/// later ones the view rows done since. A pose after the window is shown by <see cref="PoseDeadline"/>'s pose frame or
/// the next camera frame. One restart per camera frame, the second attempt in no window: a 90 Hz pose stream delays a
/// camera frame by at most a third of a render and never starves it. A renderer that cannot stop part-way (Vulkan)
/// finishes the first attempt, at the pose it started with. One per render loop.
/// </summary>
internal sealed class PoseRestart(PoseRestartWindow window, PoseDeadline deadline)
{
    /// <summary>
    /// The part of a camera render during which a new pose restarts it. A pose is then shown within 1 + this renders
    /// (restarted at the window's end), and one after the window, which waits at most 1 − this, within the same by the
    /// next camera frame when it waited up to this (<see cref="PoseDeadline.MaxWaitRenders"/>) and within
    /// (1 − this) + a pose frame's 0.6 by its pose frame first: a third balances the three at about 1⅓ renders.
    /// </summary>
    public const double WindowFraction = 1.0 / 3;

    /// <summary>
    /// Renders a camera frame through <paramref name="render"/> (the pose, what to keep, the attempt's stop) at
    /// <paramref name="pose"/> — restarted once at <paramref name="newest"/>'s pose when a newer one stopped the
    /// first attempt — and returns what it rendered, the pose it rendered it at and whether it restarted. Without a
    /// pose, or before a camera render's time is known, the one attempt cannot be stopped.
    /// </summary>
    public (T Rendered, ViewerPose? Pose, bool Restarted) Render<T>(ViewerPose? pose, Func<ViewerPose?> newest,
        Func<ViewerPose?, RenderKind, CancellationToken, T> render)
    {
        if (pose is not { } rendering || deadline.CameraRenderMs <= 0)
        {
            return (render(pose, RenderKind.CameraFrame, CancellationToken.None), pose, false);
        }

        using (var stop = new CancellationTokenSource())
        {
            var windowTicks = (long)(WindowFraction * deadline.CameraRenderMs / 1000 * Stopwatch.Frequency);
            window.Open(stop, rendering, Stopwatch.GetTimestamp() + windowTicks);
            try
            {
                return (render(pose, RenderKind.CameraFrame, stop.Token), pose, false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // A newer pose stopped it: rendered again below.
            }
            finally
            {
                window.Close();
            }
        }
        // The pose that stopped it or a newer one; the one it started with should steering have ended meanwhile.
        var restart = newest() ?? pose;
        return (render(restart, RenderKind.CameraFrameRestart, CancellationToken.None), restart, true);
    }
}
