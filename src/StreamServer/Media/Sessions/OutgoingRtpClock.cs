using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// Turns the capture times of a session's outgoing pictures back into 90 kHz RTP ticks on the incoming video's clock,
/// so a browser sees the timestamps it sent, kept strictly increasing as the encoders want. One thread.
/// </summary>
internal sealed class OutgoingRtpClock
{
    private long _last;
    private bool _any;

    /// <summary>The ticks for a picture captured at <paramref name="captureTime"/>.</summary>
    public long Next(TimeSpan captureTime)
    {
        long ticks = Ticks(captureTime);
        ticks = _any ? Math.Max(ticks, _last + 1) : ticks;
        (_last, _any) = (ticks, true);
        return ticks;
    }

    /// <summary>
    /// <paramref name="captureTime"/> on the 90 kHz clock, before <see cref="Next"/> moves a tie on by a tick: the
    /// timestamp a frame goes out with, which is also what a report about that frame names.
    /// </summary>
    public static long Ticks(TimeSpan captureTime) => (long)Math.Round(captureTime.TotalSeconds * RtpReceiver.ClockRate);

    /// <summary>The capture time whose <see cref="Ticks"/> are <paramref name="ticks"/> (exact: a tick is 111.1 TimeSpan ticks).</summary>
    public static TimeSpan Time(long ticks) => TimeSpan.FromTicks((long)Math.Round(ticks * (double)TimeSpan.TicksPerSecond / RtpReceiver.ClockRate));
}
