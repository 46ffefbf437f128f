using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.WebRtc.Interceptors;

/// <summary>
/// Receive stage: the per-source counters behind a reception report block (RFC 3550 §6.4.1):
/// extended highest sequence number (Appendix A.1), cumulative and fractional loss (A.3), interarrival
/// jitter (A.8), and LSR/DLSR from the last sender report so the sender can measure the RTT.
/// </summary>
internal sealed class ReceiveStatistics
{
    private readonly uint _ssrc;
    private volatile object? _lastReport;
    private readonly int _clockRate;
    private readonly TimeProvider _time;
    private bool _started;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private double _jitter;
    private uint _lastTransit;
    private bool _haveTransit;
    private long _lastSenderReportArrival;

    /// <summary>Statistics for <paramref name="ssrc"/> at <paramref name="clockRate"/> Hz (90 kHz for video).</summary>
    public ReceiveStatistics(uint ssrc, int clockRate, TimeProvider time)
    {
        _ssrc = ssrc;
        _clockRate = clockRate;
        _time = time;
    }

    /// <summary>Packets received.</summary>
    public long Received => _received;

    /// <summary>Notes a packet's sequence number and RTP timestamp at its arrival.</summary>
    public void OnPacket(ushort sequence, uint rtpTimestamp)
    {
        if (!_started)
        {
            _started = true;
            _maxSequence = sequence;
            _baseSequence = sequence;
        }
        else if ((ushort)(sequence - _maxSequence) < 0x8000 && sequence != _maxSequence)
        {
            // A.1: in order, possibly wrapped.
            if (sequence < _maxSequence)
            {
                _cycles += 1 << 16;
            }

            _maxSequence = sequence;
        }

        _received++;
        // A.8: transit = arrival − timestamp, both in RTP clock units and, like the timestamps, modulo 2³² (A.8's int
        // arithmetic), so a timestamp wrapping past 2³² — a random start can put it anywhere — is no jump; D is the
        // signed difference of two transits. J += (|D| − J) / 16.
        uint arrival = unchecked((uint)(long)(_time.GetElapsedTime(0).TotalSeconds * _clockRate));
        uint transit = unchecked(arrival - rtpTimestamp);
        if (_haveTransit)
        {
            double d = Math.Abs((long)unchecked((int)(transit - _lastTransit)));
            _jitter += (d - _jitter) / 16;
        }

        _lastTransit = transit;
        _haveTransit = true;
    }

    /// <summary>Notes a sender report from this source (for LSR/DLSR, and <see cref="LastReport"/>); another source's is ignored.</summary>
    public void OnSenderReport(SenderReport report)
    {
        if (report.Ssrc != _ssrc)
        {
            return;
        }

        _lastSenderReportArrival = _time.GetTimestamp();
        _lastReport = report;
    }

    /// <summary>
    /// The source's latest sender report: its RTP clock against the sender's wallclock (RFC 3550 §6.4.1); null before
    /// the first. Safe to read from any thread (one reference, replaced whole).
    /// </summary>
    public SenderReport? LastReport => (SenderReport?)_lastReport;

    /// <summary>Builds the report block and starts a new fraction-lost interval (A.3).</summary>
    public ReceptionReport BuildReport()
    {
        uint extendedMax = _cycles + _maxSequence;
        long expected = _started ? extendedMax - _baseSequence + 1 : 0;
        long lost = expected - _received;
        long expectedInterval = expected - _expectedPrior;
        long lostInterval = expectedInterval - (_received - _receivedPrior);
        _expectedPrior = expected;
        _receivedPrior = _received;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        // LSR: the middle 32 bits of the latest SR's NTP time, 0 before any (§6.4.1).
        uint lsr = LastReport is { } last ? NtpTime.Compact(last.NtpTimestamp) : 0;
        uint dlsr = lsr == 0 ? 0 : NtpTime.TimeSpanToCompact(_time.GetElapsedTime(_lastSenderReportArrival));
        return new ReceptionReport(_ssrc, fraction, (int)Math.Clamp(lost, int.MinValue, int.MaxValue), extendedMax,
            (uint)_jitter, lsr, dlsr);
    }
}
