using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.WebRtc.Interceptors;

/// <summary>
/// Send stage: what a sender report says (RFC 3550 §6.4.1): packet and octet counts, and the RTP
/// timestamp matching "now" extrapolated from the last packet sent and the wallclock instant it stands for (its send
/// time, unless the media session says it stands for a smoothed one: §6.4.1 asks the mapping to be the same clock for
/// every stream a player synchronises); and the round-trip time measured from the report blocks the receiver sends back.
/// </summary>
internal sealed class SenderStatistics
{
    private readonly uint _ssrc;
    private readonly int _clockRate;
    private readonly TimeProvider _time;
    private uint _packets;
    private uint _octets;
    private uint _lastRtpTimestamp;
    private long _lastSendTimestamp;
    private TimeSpan _lastPresentationOffset;

    /// <summary>Statistics for our <paramref name="ssrc"/> at <paramref name="clockRate"/> Hz.</summary>
    public SenderStatistics(uint ssrc, int clockRate, TimeProvider time)
    {
        _ssrc = ssrc;
        _clockRate = clockRate;
        _time = time;
    }

    /// <summary>The latest RTT measurement, if any report block carried an LSR of ours.</summary>
    public TimeSpan? RoundTripTime { get; private set; }

    /// <summary>
    /// Notes a sent packet (payload bytes only, RFC 3550 §6.4.1 sender's octet count) whose timestamp stands for the
    /// instant <paramref name="presentationOffset"/> from now.
    /// </summary>
    public void OnPacketSent(uint rtpTimestamp, int payloadLength, TimeSpan presentationOffset = default)
    {
        _packets++;
        _octets += (uint)payloadLength;
        _lastRtpTimestamp = rtpTimestamp;
        _lastSendTimestamp = _time.GetTimestamp();
        _lastPresentationOffset = presentationOffset;
    }

    /// <summary>The SR to send now.</summary>
    public SenderReport BuildReport()
    {
        var elapsed = _lastSendTimestamp == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_lastSendTimestamp) - _lastPresentationOffset;
        uint rtp = _lastRtpTimestamp + unchecked((uint)(long)Math.Round(elapsed.TotalSeconds * _clockRate));
        return new SenderReport(_ssrc, NtpTime.FromDateTime(_time.GetUtcNow()), rtp, _packets, _octets);
    }

    /// <summary>Takes the RTT from a report block about our SSRC (RFC 3550 §6.4.1, figure 2).</summary>
    public void OnReceptionReport(in ReceptionReport report)
    {
        if (report.Ssrc != _ssrc)
        {
            return;
        }

        uint now = NtpTime.Compact(NtpTime.FromDateTime(_time.GetUtcNow()));
        if (NtpTime.RoundTrip(now, report.LastSenderReport, report.DelaySinceLastSenderReport) is { } rtt)
        {
            RoundTripTime = rtt;
        }
    }
}
