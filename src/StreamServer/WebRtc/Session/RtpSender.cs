using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// The send pipeline of our video, stage by stage: the codec's packetizer, retransmission history, sender
/// statistics, then SRTP through the transport. Answers NACKs from the history, turns PLI/FIR into a
/// key-frame request for the encoder and REMB into its target bitrate. Thread-safe.
/// </summary>
internal sealed class RtpSender
{
    private const int HistoryLength = 512;

    private readonly Lock _gate = new();
    private readonly byte _payloadType;
    private readonly VideoHeaderExtensions? _extensions;
    private readonly int _headerLength;
    private readonly TimeProvider _time;
    private readonly SecureRtpTransport _transport;
    private readonly IVideoPacketizer _packetizer;
    private readonly RetransmissionHistory _history;
    private readonly SenderStatistics _statistics;
    private readonly byte[] _packet;
    private ushort _sequence;
    private int _keyFrameRequested;
    private long _keyFrameRequests;

    /// <summary>
    /// Sends <paramref name="codec"/> as <paramref name="ssrc"/> on <paramref name="payloadType"/> within <paramref name="mtu"/>,
    /// every packet carrying <paramref name="extensions"/> (those the browser offered; null: none).
    /// </summary>
    public RtpSender(VideoCodec codec, byte payloadType, VideoHeaderExtensions? extensions, uint ssrc, int mtu, SecureRtpTransport transport, RembBitrateController bitrate, TimeProvider time)
    {
        _payloadType = payloadType;
        _extensions = extensions;
        _headerLength = RtpHeader.FixedLength + (extensions?.Length ?? 0);
        _time = time;
        Ssrc = ssrc;
        _transport = transport;
        int maxPacket = mtu - Srtp.SrtpConstants.TagLength;
        _packet = new byte[maxPacket];
        _packetizer = VideoPayloadFormat.CreatePacketizer(codec, maxPacket - _headerLength);
        _history = new RetransmissionHistory(HistoryLength, maxPacket);
        _statistics = new SenderStatistics(ssrc, 90_000, time);
        Bitrate = bitrate;
        // RFC 3550 §5.1: the initial sequence number should be random.
        _sequence = (ushort)Random.Shared.Next(ushort.MaxValue);
    }

    /// <summary>Our SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>The encoder's target, driven by REMB.</summary>
    public RembBitrateController Bitrate { get; }

    /// <summary>Latest RTT from the browser's report blocks.</summary>
    public TimeSpan? RoundTripTime => _statistics.RoundTripTime;

    /// <summary>REMB messages received.</summary>
    public long RembsReceived { get; private set; }

    /// <summary>Generic NACKs for our stream received from the browser.</summary>
    public long NacksReceived { get; private set; }

    /// <summary>PLIs and FIRs for our stream received from the browser.</summary>
    public long KeyFrameRequestsReceived => Interlocked.Read(ref _keyFrameRequests);

    /// <summary>VP8 key frames sent (the answer to a key-frame request, and the stream's first frame).</summary>
    public long KeyFramesSent { get; private set; }

    /// <summary>Packets resent on NACK.</summary>
    public long Retransmitted => _history.Retransmitted;

    /// <summary>True (once) when the browser asked for a key frame since the last call.</summary>
    public bool TakeKeyFrameRequest() => Interlocked.Exchange(ref _keyFrameRequested, 0) != 0;

    /// <summary>
    /// Packetizes and sends one encoded frame whose timestamp stands for the wallclock instant
    /// <paramref name="presentationOffset"/> from now (the sender reports' mapping; zero: now).
    /// </summary>
    public void SendFrame(ReadOnlySpan<byte> frame, uint rtpTimestamp, TimeSpan presentationOffset = default)
    {
        lock (_gate)
        {
            if (_packetizer.IsKeyFrame(frame))
            {
                KeyFramesSent++;
            }

            int count = _packetizer.BeginFrame(frame);
            for (int i = 0; i < count; i++)
            {
                WriteHeader(i == count - 1, rtpTimestamp);
                int payload = _packetizer.WriteFragment(frame, i, count, _packet.AsSpan(_headerLength));
                var packet = _packet.AsSpan(0, _headerLength + payload);
                _history.Store(_sequence, packet);
                _statistics.OnPacketSent(rtpTimestamp, payload, presentationOffset);
                _transport.SendRtp(packet);
                _sequence++;
            }
        }
    }

    private void WriteHeader(bool marker, uint rtpTimestamp)
    {
        var header = new RtpHeader(marker, _payloadType, _sequence, rtpTimestamp, Ssrc)
        {
            ExtensionProfile = _extensions is null ? null : RtpHeaderExtensionEnumerator.OneByteProfile,
        };
        header.TryWrite(_packet);
        _extensions?.Write(_packet.AsSpan(RtpHeader.FixedLength), Rtcp.NtpTime.FromDateTime(_time.GetUtcNow()));
    }

    /// <summary>Resends what the browser NACKed and still is in the history (RFC 4585 §6.2.1).</summary>
    public void OnNack(ReadOnlySpan<ushort> lost)
    {
        lock (_gate)
        {
            NacksReceived++;
            foreach (var sequence in lost)
            {
                int length = _history.CopyTo(sequence, _packet);
                if (length > 0)
                {
                    _transport.SendRtp(_packet.AsSpan(0, length));
                }
            }
        }
    }

    /// <summary>PLI or FIR arrived (RFC 4585 §6.3.1, RFC 5104 §4.3.1).</summary>
    public void OnKeyFrameRequest()
    {
        Interlocked.Increment(ref _keyFrameRequests);
        Interlocked.Exchange(ref _keyFrameRequested, 1);
    }

    /// <summary>A report block about our stream: RTT.</summary>
    public void OnReceptionReport(in ReceptionReport report)
    {
        lock (_gate)
        {
            _statistics.OnReceptionReport(report);
        }
    }

    /// <summary>A REMB: the bitrate controller follows it.</summary>
    public void OnRemb(ulong bitrate)
    {
        lock (_gate)
        {
            RembsReceived++;
            Bitrate.OnRemb(bitrate);
        }
    }

    /// <summary>Writes our SR; 0 when nothing was sent yet (an RR covers that case).</summary>
    public int WriteSenderReport(Span<byte> destination)
    {
        lock (_gate)
        {
            var report = _statistics.BuildReport();
            return report.PacketCount > 0 && report.TryWrite(destination, [], out int written) ? written : 0;
        }
    }
}
