using System.Numerics;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Pipeline.Stats;

/// <summary>
/// What the transmit loop reports for a sent frame that a viewer's pose steered: the pose-to-photon time into the
/// session's stats and the server's histogram, and the <see cref="PosedFrame"/> to the session's watchers (the viewer's page).
/// </summary>
internal static class PosedFrameReport
{
    private const double MsPerSecond = 1000;

    /// <summary>Reports <paramref name="frame"/>, handed to the session with <paramref name="captureTime"/> (a pose-only frame's is stamped at sending).</summary>
    public static void Report(OutputFrame frame, TimeSpan captureTime, ViewerPose pose, SessionRecord record, ServerMetrics metrics)
    {
        var control = record.Control;
        var poseToPhotonMs = FrameTimings.Since(pose.ReceivedTicks);
        control.Statistics.OnPosedFrameSent(pose.TimestampMs, poseToPhotonMs);
        metrics.PoseToPhoton.Record(poseToPhotonMs / MsPerSecond);
        var quad = frame.Quad;
        record.PublishFrame(new PosedFrame(
            RtpTimestamp(captureTime),
            pose.TimestampMs,
            Math.Round(poseToPhotonMs, 2),
            Array(quad.Camera),
            Array(quad.Centre),
            Array(quad.Right),
            Array(quad.Up),
            quad.SideMetres));
    }

    // The media session sends each frame at its capture time on the incoming 90 kHz clock (WebRtcMediaSession.TrySendVideo,
    // which moves a timestamp on by one tick only when two frames would share it; pose-only frames are stamped between
    // their neighbours, PoseFrameClock): the timestamp the browser reads back.
    private static uint RtpTimestamp(TimeSpan captureTime) => unchecked((uint)OutgoingRtpClock.Ticks(captureTime));

    private static float[] Array(Vector3 v) => [v.X, v.Y, v.Z];
}
