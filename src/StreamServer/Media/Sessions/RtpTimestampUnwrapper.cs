namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// Turns 32-bit RTP timestamps (RFC 3550 §5.1, wrapping) into a 64-bit count: increasing for the encoder
/// (<see cref="Unwrap"/>), or where each packet really lies for audio that may come reordered (<see cref="Locate"/>).
/// </summary>
internal sealed class RtpTimestampUnwrapper
{
    private long _last;
    private uint _lastRtp;
    private bool _started;

    /// <summary>The unwrapped value of <paramref name="rtpTimestamp"/>, never going backwards.</summary>
    public long Unwrap(uint rtpTimestamp)
    {
        if (!_started)
        {
            _started = true;
            _lastRtp = rtpTimestamp;
            _last = rtpTimestamp;
            return _last;
        }

        int delta = (int)(rtpTimestamp - _lastRtp);
        _lastRtp = rtpTimestamp;
        _last += Math.Max(delta, 1);
        return _last;
    }

    /// <summary>
    /// The unwrapped value of <paramref name="rtpTimestamp"/> taken as the nearer of its two readings (a reordered packet
    /// lies before the latest one, RFC 3550 §A.1's reasoning for sequence numbers); only a later value moves the latest.
    /// Not to be mixed with <see cref="Unwrap"/> on one instance.
    /// </summary>
    public long Locate(uint rtpTimestamp)
    {
        if (!_started)
        {
            return Unwrap(rtpTimestamp);
        }

        long value = _last + (int)(rtpTimestamp - _lastRtp);
        if (value > _last)
        {
            (_last, _lastRtp) = (value, rtpTimestamp);
        }

        return value;
    }
}
