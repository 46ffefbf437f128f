using System.Diagnostics;
using System.Numerics;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Pipeline.Stats;

/// <summary>
/// What the transmit loop reports for a sent frame that a viewer's pose steered: the <see cref="PosedFrame"/> to the
/// session's watchers (the viewer's page), every such frame; and, for the first frame sent with a pose only, the
/// pose-to-photon time into the session's stats and the server's histogram. A later frame rendered at the same pose
/// (no newer one came: the viewer's browser stalled, or the head holds still) shows nothing new to the viewer, and
/// counting its growing age would measure the client's silence, not the server's latency. One per session's transmit loop.
/// </summary>
internal sealed class PosedFrameReport(SessionRecord record, ServerMetrics metrics)
{
    private const double MsPerSecond = 1000;
    private long _lastPoseReceived;

    /// <summary>
    /// Reports <paramref name="frame"/>, taken by the transmit loop at <paramref name="takenTicks"/> and handed to the
    /// session with <paramref name="captureTime"/> (a pose-only frame's is stamped at sending).
    /// </summary>
    public void Report(OutputFrame frame, TimeSpan captureTime, ViewerPose pose, long takenTicks)
    {
        var now = Stopwatch.GetTimestamp();
        var poseToPhotonMs = Stopwatch.GetElapsedTime(pose.ReceivedTicks, now).TotalMilliseconds;
        PoseLatencyParts? parts = null;
        if (pose.ReceivedTicks != _lastPoseReceived)
        {
            _lastPoseReceived = pose.ReceivedTicks;
            record.Control.Statistics.OnPosedFrameSent(pose.TimestampMs, poseToPhotonMs);
            metrics.PoseToPhoton.Record(poseToPhotonMs / MsPerSecond);
            parts = Parts(frame, pose, takenTicks, now);
        }

        var quad = frame.Quad;
        record.PublishFrame(new PosedFrame(
            RtpTimestamp(captureTime),
            pose.TimestampMs,
            Math.Round(poseToPhotonMs, 2),
            Array(quad.Camera),
            Array(quad.Centre),
            Array(quad.Right),
            Array(quad.Up),
            quad.SideMetres,
            parts));
    }

    private static PoseLatencyParts Parts(OutputFrame frame, ViewerPose pose, long takenTicks, long sentTicks)
    {
        // The pipeline stamps both render times; a frame without them (0) counts its time up to the hand-over as wait.
        var latched = frame.ViewLatchedTicks != 0 ? frame.ViewLatchedTicks : takenTicks;
        var rendered = frame.RenderedTicks != 0 ? frame.RenderedTicks : takenTicks;
        var kind = !frame.PoseOnly ? "camera" : frame.SendBefore is null ? "pose" : "pose-first";
        return new PoseLatencyParts(kind, Ms(pose.ReceivedTicks, latched), Ms(latched, rendered), Ms(rendered, takenTicks), Ms(takenTicks, sentTicks));
    }

    private static double Ms(long from, long to) => Math.Round(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, 2);

    // The media session sends each frame at its capture time on the incoming 90 kHz clock (WebRtcMediaSession.TrySendVideo,
    // which moves a timestamp on by one tick only when two frames would share it; pose-only frames are stamped between
    // their neighbours, PoseFrameClock): the timestamp the browser reads back.
    private static uint RtpTimestamp(TimeSpan captureTime) => unchecked((uint)OutgoingRtpClock.Ticks(captureTime));

    private static float[] Array(Vector3 v) => [v.X, v.Y, v.Z];
}
