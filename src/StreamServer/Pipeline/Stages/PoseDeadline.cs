using System.Diagnostics;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// Whether a viewer pose's own frame goes before the camera frame the render stage is about to render (issue #15:
/// server pose-to-photon ≤ <see cref="TargetFrameTimes"/> frame times). Each camera frame is rendered at the newest
/// pose, so while poses stream in at display rate a camera frame starts with a pose a few milliseconds old and needs
/// nothing more. But a pose that came just after a render started, with none after it (the viewer's browser stalled,
/// the head came to rest), would wait for that render and then for a whole camera frame of its own: up to two frame
/// times. So when the newest pose is not shown yet and has already waited more than (target − 1) camera renders, its
/// pose frame — about 0.6 of a camera frame's work (<see cref="ViewRenderer.Render"/>) — goes first, and the camera
/// frame right after it. One pose frame at most between two camera frames (the render loop asks once per camera
/// frame), so camera frames keep their order and are never starved; a steady pose stream costs them nothing.
/// Times are Stopwatch ticks; one reader (the render loop).
/// </summary>
internal sealed class PoseDeadline
{
    /// <summary>Issue #15's target: pose received → packet out within this many frame times.</summary>
    public const double TargetFrameTimes = 1.5;

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
        && Stopwatch.GetElapsedTime(received, nowTicks).TotalMilliseconds > (TargetFrameTimes - 1) * CameraRenderMs;
}
