using System.Diagnostics;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// One session's clocks on this server's (Stopwatch ticks): the peer's video and audio capture times each mapped by
/// its own <see cref="CaptureClock"/>, and the video's capture→send latency, smoothed toward its lower edge, which the audio waits out so that
/// sound and rendered picture of one instant leave together — and which the sender reports state for both streams, so a
/// player that synchronises them by RTCP (RFC 3550 §6.4.1) lines them up the same way. Thread-safe.
/// </summary>
internal sealed class MediaTimeline
{
    /// <summary>The longest audio delay: a video latency beyond it is a stall, not something to hold the sound back for.</summary>
    public static readonly TimeSpan MaxAudioDelay = TimeSpan.FromSeconds(2);

    // Exponential average weights per video frame. A rising latency is followed slowly: at 15–30 fps a lasting change
    // within about a second, but one slow frame moves the delay by a tenth of its excess only (the audio's schedule must
    // not jitter with the render). A falling one is followed fast, so the delay rides the lower edge of the latencies:
    // the viewer shows each frame as it comes (the video asks for at most 100 ms of playout delay), and a player that
    // lines the streams up by RTCP can hold sound back for a frame that came late, but cannot hold a frame back for
    // sound that a delay left over from a slow stretch made late (+0.1–0.8 s sound after picture under load, before).
    private const double RisingWeight = 0.1;
    private const double FallingWeight = 0.5;

    private readonly Lock _gate = new();
    private readonly CaptureClock _video = new();
    private readonly CaptureClock _audio = new();
    private double _latencyTicks;
    private bool _hasLatency;

    /// <summary>How long audio waits: the smoothed video latency, at most <see cref="MaxAudioDelay"/>; zero before any video left.</summary>
    public TimeSpan AudioDelay
    {
        get
        {
            lock (_gate)
            {
                var latency = TimeSpan.FromSeconds(Math.Max(_latencyTicks, 0) / Stopwatch.Frequency);
                return latency < MaxAudioDelay ? latency : MaxAudioDelay;
            }
        }
    }

    /// <summary>A video frame captured at <paramref name="captureTime"/> (the peer's video clock) arrived at <paramref name="arrivedTicks"/>.</summary>
    public void OnVideoArrived(TimeSpan captureTime, long arrivedTicks)
    {
        lock (_gate)
        {
            _video.Observe(captureTime, arrivedTicks);
        }
    }

    /// <summary>
    /// The video frame from capture <paramref name="captureTime"/> leaves now (<paramref name="nowTicks"/>): its latency
    /// joins the average. Returns the instant it stands for — capture plus the smoothed latency — as an offset from now.
    /// </summary>
    public TimeSpan OnVideoSent(TimeSpan captureTime, long nowTicks)
    {
        lock (_gate)
        {
            if (_video.ToLocal(captureTime) is not { } captured)
            {
                return TimeSpan.Zero;
            }

            double latency = nowTicks - captured;
            double weight = latency < _latencyTicks ? FallingWeight : RisingWeight;
            _latencyTicks = _hasLatency ? _latencyTicks + (weight * (latency - _latencyTicks)) : latency;
            _hasLatency = true;
            return TimeSpan.FromSeconds((captured + _latencyTicks - nowTicks) / Stopwatch.Frequency);
        }
    }

    /// <summary>
    /// The instant (Stopwatch ticks) the video frame from capture <paramref name="captureTime"/> stands for: its capture on
    /// our clock plus <see cref="AudioDelay"/>, the instant the audio of the same capture is due; null before any video arrived.
    /// </summary>
    public long? VideoDueTicks(TimeSpan captureTime)
    {
        var delay = AudioDelay;
        lock (_gate)
        {
            return _video.ToLocal(captureTime) + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        }
    }

    /// <summary>An audio packet captured at <paramref name="captureTime"/> (the peer's audio clock) arrived: its capture on our clock.</summary>
    public long OnAudioArrived(TimeSpan captureTime, long arrivedTicks)
    {
        lock (_gate)
        {
            return _audio.Observe(captureTime, arrivedTicks);
        }
    }
}
