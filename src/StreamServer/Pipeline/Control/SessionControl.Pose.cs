using System.Diagnostics;
using System.Globalization;

namespace PortraitStream.Server.Pipeline.Control;

internal sealed partial class SessionControl
{
    /// <summary>Poses a second a viewer may send, sustained: a 90 Hz headset's display rate.</summary>
    public const int PosesPerSecond = 90;

    /// <summary>
    /// Poses admitted in a burst: a second's worth, because poses queue up behind a busy server's (or browser's) stall and
    /// then arrive together, and the burst's last — the newest — must still get through.
    /// </summary>
    public const int PoseBurst = 90;

    /// <summary>
    /// How long the newest pose steers the camera: after that without a new one (the viewer left the XR session or the
    /// page stopped sending) the session's SetView or preset view takes over again.
    /// </summary>
    public static readonly TimeSpan PoseHold = TimeSpan.FromSeconds(1);

    /// <summary>Admits viewer poses apart from the other control calls, at <see cref="PosesPerSecond"/>.</summary>
    private readonly TokenBucket _poseCalls = new(PoseBurst, PosesPerSecond, time);
    private readonly Lock _poseGate = new();
    private ViewerPose? _pose;
    private long _posesDropped;

    /// <summary>The re-render a new pose asks of the render loop (coalesced: at most one pending).</summary>
    public PendingRerender Rerender { get; } = new();

    /// <summary>Poses refused by the flood limit (dropped without an error: a 90 Hz sender would drown in them).</summary>
    public long PosesDropped => Interlocked.Read(ref _posesDropped);

    /// <summary>
    /// Takes a pose's place in the flood limit; false (counted in <see cref="PosesDropped"/>) when the pose must be
    /// dropped. Checked before the pose's values, so a flood of bad poses is dropped rather than refused one by one.
    /// </summary>
    public bool TryAdmitPose()
    {
        if (_poseCalls.TryTake())
        {
            return true;
        }
        Interlocked.Increment(ref _posesDropped);
        return false;
    }

    /// <summary>
    /// Makes <paramref name="pose"/> the newest pose and asks for a re-render of the held triplanes at it. An <see cref="ArgumentException"/> when its timestamp is older than
    /// the newest pose's: one connection's poses arrive in order, so a timestamp going back is a client's clock bug.
    /// </summary>
    public void SetPose(ViewerPose pose)
    {
        lock (_poseGate)
        {
            if (_pose is { } newest && pose.TimestampMs < newest.TimestampMs)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"SetViewerPose: timestamp {pose.TimestampMs} ms is older than the previous pose's {newest.TimestampMs} ms"));
            }
            _pose = pose;
        }
        Rerender.Request();
    }

    /// <summary>The newest pose while it is younger than <see cref="PoseHold"/>; null when no viewer steers the camera.</summary>
    public ViewerPose? SteeringPose()
    {
        lock (_poseGate)
        {
            return _pose is { } pose && Stopwatch.GetElapsedTime(pose.ReceivedTicks) < PoseHold ? pose : null;
        }
    }
}
