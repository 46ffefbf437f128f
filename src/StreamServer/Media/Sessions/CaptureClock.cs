using System.Diagnostics;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// Maps one stream's capture times (on the peer's clock) to this server's Stopwatch ticks by the least transit seen:
/// offset = min(arrival − capture), the packet that crossed fastest standing for one that crossed at once. The estimate
/// may creep up by <see cref="DriftAllowance"/> of the time passed, so a peer clock slower than ours, or a path that got
/// longer, is followed rather than held against forever. Not thread-safe.
/// </summary>
internal sealed class CaptureClock
{
    /// <summary>1 ms a second: ten times the drift of a poor crystal (100 ppm); a lengthened path is followed within minutes.</summary>
    public const double DriftAllowance = 0.001;

    private long _offset;
    private long _lastArrival;
    private bool _started;

    /// <summary>Takes one arrival into the estimate and returns <paramref name="captureTime"/> on our clock.</summary>
    public long Observe(TimeSpan captureTime, long arrivedTicks)
    {
        long capture = ToTicks(captureTime);
        long sample = arrivedTicks - capture;
        if (!_started)
        {
            (_offset, _started) = (sample, true);
        }
        else
        {
            long crept = _offset + (long)(Math.Max(arrivedTicks - _lastArrival, 0) * DriftAllowance);
            _offset = Math.Min(crept, sample);
        }

        _lastArrival = Math.Max(_lastArrival, arrivedTicks);
        return capture + _offset;
    }

    /// <summary><paramref name="captureTime"/> on our clock, by the estimate as it is (null before any arrival).</summary>
    public long? ToLocal(TimeSpan captureTime) => _started ? ToTicks(captureTime) + _offset : null;

    private static long ToTicks(TimeSpan time) => (long)Math.Round(time.TotalSeconds * Stopwatch.Frequency);
}
