using System.Diagnostics;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// Capture times for pose-only frames (a re-render of held triplanes at a new viewer pose, which no camera frame
/// stands behind), on the incoming video's clock like every frame the session sends, so its RTP timestamp
/// (<see cref="OutgoingRtpClock"/>) moves on with real time and keeps the order the frames are sent in:
/// <list type="bullet">
/// <item>the last camera frame handed to the session, moved on by the time since it was handed over: the pose frame
/// then seems as old as that camera frame did when it left (the same capture→send latency), so a browser's jitter
/// buffer sees the stream's usual delay and the audio's delay (<see cref="MediaTimeline"/>) does not move;</item>
/// <item>before any camera frame decoded since that one (it will be sent after the pose frame, and its RTP timestamp
/// is the browser's own capture time, which must stay greater), while such a frame can still be on its way through
/// the pipeline: for twice the last camera frame's arrival→hand-over latency, and at least
/// <see cref="MediaTimeline.MaxAudioDelay"/>; after that it is taken as lost (e.g. to a stage's fault), so a camera
/// that stops after a lost frame does not hold pose frames back for ever;</item>
/// <item>after the last frame handed over, by at least one 90 kHz tick, or not at all (null: the pose frame is not
/// sent; the camera frame that leaves no room is about to bring the same pose).</item>
/// </list>
/// Times are Stopwatch ticks. The decode loop reports decoded frames, the transmit loop the rest; thread-safe.
/// </summary>
internal sealed class PoseFrameClock
{
    private readonly Lock _gate = new();
    private (TimeSpan Capture, long HandedTicks, TimeSpan Latency)? _lastCamera;
    private (TimeSpan Capture, long ArrivedTicks)? _newestDecoded;
    private long? _lastHanded;

    /// <summary>The decode loop passed on a camera frame captured at <paramref name="captureTime"/>, which arrived at <paramref name="arrivedTicks"/>.</summary>
    public void OnCameraFrameDecoded(TimeSpan captureTime, long arrivedTicks)
    {
        lock (_gate)
        {
            _newestDecoded = (captureTime, arrivedTicks);
        }
    }

    /// <summary>A camera frame captured at <paramref name="captureTime"/>, which arrived at <paramref name="arrivedTicks"/>, was handed to the session at <paramref name="nowTicks"/>.</summary>
    public void OnCameraFrameHanded(TimeSpan captureTime, long arrivedTicks, long nowTicks)
    {
        lock (_gate)
        {
            _lastHanded = OutgoingRtpClock.Ticks(captureTime);
            _lastCamera = (captureTime, nowTicks, Stopwatch.GetElapsedTime(arrivedTicks, nowTicks));
        }
    }

    /// <summary>A pose-only frame stamped <paramref name="captureTime"/> (<see cref="PoseFrameTime"/>) was handed to the session.</summary>
    public void OnPoseFrameHanded(TimeSpan captureTime)
    {
        lock (_gate)
        {
            _lastHanded = OutgoingRtpClock.Ticks(captureTime);
        }
    }

    /// <summary>
    /// The capture time for a pose-only frame handed over at <paramref name="nowTicks"/>, below
    /// <paramref name="before"/> when given (the capture time of a camera frame known to follow it); null when it must
    /// not be sent.
    /// </summary>
    public TimeSpan? PoseFrameTime(long nowTicks, TimeSpan? before = null)
    {
        lock (_gate)
        {
            if (_lastCamera is not { } camera)
            {
                return null;
            }

            long ticks = OutgoingRtpClock.Ticks(camera.Capture + Stopwatch.GetElapsedTime(camera.HandedTicks, nowTicks));
            var inFlight = 2 * camera.Latency > MediaTimeline.MaxAudioDelay ? 2 * camera.Latency : MediaTimeline.MaxAudioDelay;
            if (_newestDecoded is { } next && next.Capture > camera.Capture && Stopwatch.GetElapsedTime(next.ArrivedTicks, nowTicks) < inFlight)
            {
                ticks = Math.Min(ticks, OutgoingRtpClock.Ticks(next.Capture) - 1);
            }
            if (before is { } following)
            {
                ticks = Math.Min(ticks, OutgoingRtpClock.Ticks(following) - 1);
            }
            if (_lastHanded is { } last && ticks <= last)
            {
                return null;
            }

            return OutgoingRtpClock.Time(ticks);
        }
    }
}
