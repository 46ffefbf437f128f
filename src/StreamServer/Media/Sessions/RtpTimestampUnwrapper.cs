namespace PortraitStream.Server.Media.Sessions;

/// <summary>Turns 32-bit RTP timestamps (RFC 3550 §5.1, wrapping) into an increasing 64-bit count for the encoder.</summary>
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
}
