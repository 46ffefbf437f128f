using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// The send side of our Opus audio: each payload goes out whole (RFC 7587 §4.2, no transcoding) under our own SSRC, with
/// our own sequence numbers (one more per packet, whatever the source skipped) and the timestamp the media session gives,
/// then SRTP through the transport. Its sender reports map RTP time to the wallclock instant each packet stands for.
/// Thread-safe.
/// </summary>
internal sealed class OpusRtpSender
{
    private readonly Lock _gate = new();
    private readonly byte _payloadType;
    private readonly SecureRtpTransport _transport;
    private readonly SenderStatistics _statistics;
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + OpusRtpReceiver.MaxPayloadLength];
    private ushort _sequence;

    /// <summary>Sends as <paramref name="ssrc"/> on <paramref name="payloadType"/>.</summary>
    public OpusRtpSender(byte payloadType, uint ssrc, SecureRtpTransport transport, TimeProvider time)
    {
        _payloadType = payloadType;
        Ssrc = ssrc;
        _transport = transport;
        _statistics = new SenderStatistics(ssrc, AudioOffer.ClockRate, time);
        // RFC 3550 §5.1: the initial sequence number should be random.
        _sequence = (ushort)Random.Shared.Next(ushort.MaxValue);
    }

    /// <summary>Our audio SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>Packets sent.</summary>
    public long PacketsSent { get; private set; }

    /// <summary>
    /// Sends one Opus packet stamped <paramref name="rtpTimestamp"/>, standing for the wallclock instant
    /// <paramref name="presentationOffset"/> from now (what the sender report maps it to); false when it is too long.
    /// </summary>
    public bool TrySend(ReadOnlySpan<byte> payload, uint rtpTimestamp, bool marker, TimeSpan presentationOffset)
    {
        if (payload.Length > OpusRtpReceiver.MaxPayloadLength)
        {
            return false;
        }

        lock (_gate)
        {
            new RtpHeader(marker, _payloadType, _sequence, rtpTimestamp, Ssrc).TryWrite(_packet);
            payload.CopyTo(_packet.AsSpan(RtpHeader.FixedLength));
            _statistics.OnPacketSent(rtpTimestamp, payload.Length, presentationOffset);
            _transport.SendRtp(_packet.AsSpan(0, RtpHeader.FixedLength + payload.Length));
            _sequence++;
            PacketsSent++;
            return true;
        }
    }

    /// <summary>Writes our audio SR; 0 when nothing was sent yet.</summary>
    public int WriteSenderReport(Span<byte> destination)
    {
        lock (_gate)
        {
            var report = _statistics.BuildReport();
            return report.PacketCount > 0 && report.TryWrite(destination, [], out int written) ? written : 0;
        }
    }
}
