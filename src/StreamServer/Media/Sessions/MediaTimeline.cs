using System.Diagnostics;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// One session's clocks on this server's (Stopwatch ticks): the peer's video and audio capture times mapped by the
/// least transit (<see cref="CaptureClock"/>) — one clock for both once the peer's sender reports tie its audio to its
/// video (<see cref="SenderClockAlignment"/>), each its own before — and the video's capture→send latency, smoothed
/// toward its lower edge, which the audio waits out so that
/// sound and rendered picture of one instant leave together — and which the sender reports state for both streams, so a
/// player that synchronises them by RTCP (RFC 3550 §6.4.1) lines them up the same way. Thread-safe.
/// </summary>
internal sealed class MediaTimeline
{
    /// <summary>The longest audio delay: a video latency beyond it is a stall, not something to hold the sound back for.</summary>
    public static readonly TimeSpan MaxAudioDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most the peer's sender reports may move its sound against its picture from where arrival alone places them:
    /// a browser's video encoder adds tens of milliseconds over its audio's, a streaming encoder's look-ahead a few
    /// hundred (OBS's x264 at veryfast: 10 frames). The audio cannot wait longer than <see cref="MaxAudioDelay"/> anyway;
    /// reports that disagree with the packets by more are not believed (a broken or hostile sender), and each stream
    /// stays placed by its own arrivals.
    /// </summary>
    public static readonly TimeSpan MaxReportCorrection = MaxAudioDelay;

    // Exponential average weights per video frame. A rising latency is followed slowly: at 15–30 fps a lasting change
    // within about a second, but one slow frame moves the delay by a tenth of its excess only (the audio's schedule must
    // not jitter with the render). A falling one is followed fast, so the delay rides the lower edge of the latencies:
    // the viewer shows each frame as it comes (the video asks for at most 100 ms of playout delay), and a player that
    // lines the streams up by RTCP can hold sound back for a frame that came late, but cannot hold a frame back for
    // sound that a delay left over from a slow stretch made late (+0.1–0.8 s sound after picture under load, before).
    private const double RisingWeight = 0.1;
    private const double FallingWeight = 0.5;

    private readonly Lock _gate = new();
    // Each stream by its own arrivals, and the peer's one clock (in the video's capture time) that places the video
    // always and the audio once the reports tie it to the video's: its least transit is either stream's.
    private readonly CaptureClock _video = new();
    private readonly CaptureClock _audio = new();
    private readonly CaptureClock _peer = new();
    private readonly SenderClockAlignment _reports = new();
    private long? _soundCorrectionTicks;
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

    /// <summary>
    /// How much later the sound leaves against the picture of the same instant than arrival alone would have placed it,
    /// by the peer's sender reports (positive: the video left the sender later after capture than the audio); null
    /// while the streams are placed by arrival (before both streams' first report, or when they were not believed).
    /// </summary>
    public TimeSpan? SoundCorrection
    {
        get
        {
            lock (_gate)
            {
                return _soundCorrectionTicks is { } ticks ? TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency) : null;
            }
        }
    }

    /// <summary>A video frame captured at <paramref name="captureTime"/> (the peer's video clock) arrived at <paramref name="arrivedTicks"/>.</summary>
    public void OnVideoArrived(TimeSpan captureTime, long arrivedTicks)
    {
        lock (_gate)
        {
            _video.Observe(captureTime, arrivedTicks);
            _peer.Observe(captureTime, arrivedTicks);
        }
    }

    /// <summary>The peer's sender report for the video: capture time <paramref name="captureTime"/> stood for <paramref name="wallclockSeconds"/> on its wallclock.</summary>
    public void OnVideoSenderReport(TimeSpan captureTime, double wallclockSeconds)
    {
        lock (_gate)
        {
            _reports.OnVideoReport(captureTime, wallclockSeconds);
        }
    }

    /// <summary>The peer's sender report for the audio, as <see cref="OnVideoSenderReport"/>.</summary>
    public void OnAudioSenderReport(TimeSpan captureTime, double wallclockSeconds)
    {
        lock (_gate)
        {
            _reports.OnAudioReport(captureTime, wallclockSeconds);
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
            if (_peer.ToLocal(captureTime) is not { } captured)
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
            return _peer.ToLocal(captureTime) + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        }
    }

    /// <summary>An audio packet captured at <paramref name="captureTime"/> (the peer's audio clock) arrived: its capture on our clock.</summary>
    public long OnAudioArrived(TimeSpan captureTime, long arrivedTicks)
    {
        lock (_gate)
        {
            long byArrival = _audio.Observe(captureTime, arrivedTicks);
            // The same instant's picture, placed by the video's own arrivals: where the sound would be placed were the
            // reports right, against arrival alone.
            if (_reports.OnVideoClock(captureTime) is { } onVideo && _video.ToLocal(onVideo) is { } pictureByArrival
                && Math.Abs((double)pictureByArrival - byArrival) <= MaxReportCorrection.TotalSeconds * Stopwatch.Frequency)
            {
                _soundCorrectionTicks = pictureByArrival - byArrival;
                return _peer.Observe(onVideo, arrivedTicks);
            }

            _soundCorrectionTicks = null;
            return byArrival;
        }
    }
}
