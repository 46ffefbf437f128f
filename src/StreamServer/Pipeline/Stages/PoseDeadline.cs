using System.Diagnostics;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// Whether a viewer pose's own frame goes before the camera frame the render stage is about to render (issue #15:
/// server pose-to-photon ≤ <see cref="TargetFrameTimes"/> frame times). Each camera frame is rendered at the newest
/// pose, so while poses stream in at display rate a camera frame starts with a pose a few milliseconds old and needs
/// nothing more. But a pose that came just after a render started, with none after it (the viewer's browser stalled,
/// the head came to rest), would wait for that render and then for a whole camera frame of its own: up to two frame
/// times. So when the newest pose is not shown yet and has already waited more than <see cref="MaxWaitRenders"/>
/// camera renders, its pose frame — about 0.6 of a camera frame's work (<see cref="ViewRenderer.Render"/>) — goes
/// first, and the camera frame right after it. A pose that came in a render's first third restarted it
/// (<see cref="PoseRestart"/>), so one that waits longer came later and waits at most ⅔ of a render: shown within
/// ⅔ + 0.6 renders, and one that waited less within 1⅓ by the camera frame — the restart's own bound. One pose frame at most between two camera frames (the render loop asks once per camera
/// frame), so camera frames keep their order and are never starved; a steady pose stream costs them nothing.
/// Times are Stopwatch ticks; one reader (the render loop).
/// </summary>
internal sealed class PoseDeadline
{
    /// <summary>Issue #15's target: pose received → packet out within this many frame times.</summary>
    public const double TargetFrameTimes = 1.5;

    /// <summary>
    /// Camera renders the newest unshown pose may have waited before its pose frame goes first: the restart window's
    /// third (<see cref="PoseRestart.WindowFraction"/>), which keeps every pose within about 1⅓ renders whichever path
    /// shows it (at (target − 1) = ½ a pose that came just after the window could still take 1½ renders).
    /// </summary>
    public const double MaxWaitRenders = PoseRestart.WindowFraction;

    private const double Smoothing = 0.2;

    /// <summary>A camera frame's render, smoothed (ms); 0 before the first.</summary>
    public double CameraRenderMs { get; private set; }

    /// <summary>A camera frame was rendered from triplanes in <paramref name="milliseconds"/> (not a pass-through: that is no render).</summary>
    public void OnCameraFrameRendered(double milliseconds) =>
        CameraRenderMs = CameraRenderMs == 0 ? milliseconds : CameraRenderMs + Smoothing * (milliseconds - CameraRenderMs);

    /// <summary>
    /// True when the pose received at <paramref name="unshownPoseTicks"/> (null: no pose steers, or the newest was shown
    /// already) has waited at <paramref name="nowTicks"/> so long that a camera frame rendered first would show it only
    /// after the target: its pose frame goes first.
    /// </summary>
    public bool PoseGoesFirst(long? unshownPoseTicks, long nowTicks) =>
        unshownPoseTicks is { } received && CameraRenderMs > 0
        && Stopwatch.GetElapsedTime(received, nowTicks).TotalMilliseconds > MaxWaitRenders * CameraRenderMs;
}
