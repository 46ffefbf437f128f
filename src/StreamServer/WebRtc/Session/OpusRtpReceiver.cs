using System.Diagnostics;
using System.Threading.Channels;
using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Rtp;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// The receive side of the peer's Opus audio, bundled with its video and told apart by payload type (RFC 8843 §9.2):
/// checks each packet and hands it on in a bounded queue, oldest dropped when the reader falls behind (old audio is
/// worth less than new). Nothing is reordered or waited for here: the media session's delay line puts packets back in
/// order by timestamp. Hostile packets (a second SSRC, an empty or oversized payload) are counted and dropped. The
/// accepted packets feed the same <see cref="ReceiveStatistics"/> as the video's, at Opus's 48 kHz RTP clock, for the
/// audio's report block in our receiver reports. Thread-safe for one writer (the receive loop), one packet reader and
/// the timer tick's reports.
/// </summary>
internal sealed class OpusRtpReceiver
{
    /// <summary>
    /// RFC 6716 §3.2.1: one Opus frame is at most 1275 bytes, and browsers and OBS send one 10–60 ms frame per packet;
    /// anything longer is refused rather than forwarded to a peer whose decoder would refuse it.
    /// </summary>
    public const int MaxPayloadLength = 1275;

    /// <summary>RFC 7587 §4.1: Opus's RTP clock runs at 48 kHz whatever the sampling rate of the encoded audio.</summary>
    public const int ClockRate = 48_000;

    // 64 packets of 20 ms: over a second of audio, longer than any delay the video's latency asks for in one go.
    private const int QueueLength = 64;

    private readonly byte _payloadType;
    private readonly TimeProvider _time;
    private readonly Channel<ReceivedOpusPacket> _packets;
    private readonly Lock _statisticsGate = new();
    private ReceiveStatistics? _statistics;
    private uint? _remoteSsrc;
    private long _received, _foreignSsrc, _oversized, _malformed, _overflowed;

    /// <summary>Takes Opus on <paramref name="payloadType"/>; <paramref name="time"/> times arrivals for the jitter and DLSR.</summary>
    public OpusRtpReceiver(byte payloadType, TimeProvider time)
    {
        _payloadType = payloadType;
        _time = time;
        _packets = Channel.CreateBounded<ReceivedOpusPacket>(
            new BoundedChannelOptions(QueueLength) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => Interlocked.Increment(ref _overflowed));
    }

    /// <summary>The accepted packets in arrival order; completes when the connection closes.</summary>
    public ChannelReader<ReceivedOpusPacket> Packets => _packets.Reader;

    /// <summary>Packets accepted.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Packets on our payload type from a second SSRC (we negotiated one audio source).</summary>
    public long ForeignSsrc => Interlocked.Read(ref _foreignSsrc);

    /// <summary>Packets whose payload exceeds <see cref="MaxPayloadLength"/>.</summary>
    public long Oversized => Interlocked.Read(ref _oversized);

    /// <summary>Packets with no payload left after the header and padding.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Packets dropped because the reader fell behind.</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    /// <summary>
    /// Takes <paramref name="packet"/> (decrypted RTP) when it is on our payload type, counted as accepted or refused;
    /// false when it is not ours, for the video receiver.
    /// </summary>
    public bool TryTake(ReadOnlySpan<byte> packet)
    {
        if (!RtpHeader.TryRead(packet, out var header, out _) || header.PayloadType != _payloadType)
        {
            return false;
        }

        // The first SSRC on our payload type is the peer's microphone; a second is an attack or a bug, not a switch.
        _remoteSsrc ??= header.Ssrc;
        if (header.Ssrc != _remoteSsrc)
        {
            Interlocked.Increment(ref _foreignSsrc);
        }
        else if (!header.TryGetPayload(packet, out var payload) || payload.IsEmpty)
        {
            Interlocked.Increment(ref _malformed);
        }
        else if (payload.Length > MaxPayloadLength)
        {
            Interlocked.Increment(ref _oversized);
        }
        else
        {
            Interlocked.Increment(ref _received);
            lock (_statisticsGate)
            {
                _statistics ??= new ReceiveStatistics(header.Ssrc, ClockRate, _time);
                _statistics.OnPacket(header.SequenceNumber, header.Timestamp);
            }

            _packets.Writer.TryWrite(new ReceivedOpusPacket(payload.ToArray(), header.Timestamp, header.Marker, Stopwatch.GetTimestamp()));
        }

        return true;
    }

    /// <summary>Notes a sender report from the peer: the LSR of our next report block, and <see cref="LastSenderReport"/>.</summary>
    public void OnSenderReport(SenderReport report)
    {
        lock (_statisticsGate)
        {
            _statistics?.OnSenderReport(report);
        }
    }

    /// <summary>The peer's latest sender report for the audio (its wallclock is the video's too); null before the first.</summary>
    public SenderReport? LastSenderReport => _statistics?.LastReport;

    /// <summary>
    /// The audio's report block (RFC 3550 §6.4.1), starting a new fraction-lost interval; false before the first accepted
    /// packet, since a block reports on a source heard from.
    /// </summary>
    public bool TryBuildReport(out ReceptionReport report)
    {
        lock (_statisticsGate)
        {
            report = _statistics?.BuildReport() ?? default;
            return _statistics is not null;
        }
    }

    /// <summary>Ends the packet stream; the reader completes.</summary>
    public void Complete() => _packets.Writer.TryComplete();
}
