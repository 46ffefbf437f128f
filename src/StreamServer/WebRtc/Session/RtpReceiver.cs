using System.Threading.Channels;
using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// The receive pipeline of the browser's video, stage by stage: statistics and NACK bookkeeping on
/// arrival, reorder buffer, the codec's depacketizer, then a bounded hand-over to the media handler. The
/// feedback it owes the browser (RR, NACK, PLI) is written on the timer tick. Thread-safe.
/// </summary>
internal sealed class RtpReceiver
{
    // 128 packets: about a second of 1 Mbit/s video, longer than a NACK round trip on any sane path.
    private const int ReorderCapacity = 128;
    private const int FrameQueueLength = 8;
    private static readonly TimeSpan ReorderWait = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan NackInterval = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan PliInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly byte _payloadType;
    private readonly uint _localSsrc;
    private readonly TimeProvider _time;
    private readonly ReorderBuffer _reorder;
    private readonly NackGenerator _nack;
    private readonly IVideoDepacketizer _depacketizer;
    private readonly KeyFrameRequester _keyFrames;
    private readonly Channel<EncodedVideoFrame> _frames =
        Channel.CreateBounded<EncodedVideoFrame>(new BoundedChannelOptions(FrameQueueLength) { SingleReader = true, SingleWriter = true });
    private ReceiveStatistics? _statistics;
    private uint? _remoteSsrc;

    /// <summary>RFC 7741 §4.1 and RFC 6184 §5.1: VP8's and H.264's RTP clocks run at 90 kHz (the browser's timestamps count in it).</summary>
    public const int ClockRate = 90_000;

    /// <summary>Receives <paramref name="codec"/> on <paramref name="payloadType"/>; <paramref name="localSsrc"/> signs our feedback.</summary>
    public RtpReceiver(VideoCodec codec, byte payloadType, uint localSsrc, TimeProvider time)
    {
        Codec = codec;
        _depacketizer = VideoPayloadFormat.CreateDepacketizer(codec);
        _payloadType = payloadType;
        _localSsrc = localSsrc;
        _time = time;
        _reorder = new ReorderBuffer(ReorderCapacity, ReorderWait, time);
        _nack = new NackGenerator(time, NackInterval);
        _keyFrames = new KeyFrameRequester(time, PliInterval);
    }

    /// <summary>The codec of <see cref="Frames"/>.</summary>
    public VideoCodec Codec { get; }

    /// <summary>
    /// Complete frames, in order and each referring only to frames handed out before it: a slow reader loses a frame, and
    /// then nothing more comes until the key frame requested for it.
    /// </summary>
    public ChannelReader<EncodedVideoFrame> Frames => _frames.Reader;

    /// <summary>Packets refused: malformed, foreign payload type, or a second SSRC.</summary>
    public long IgnoredPackets { get; private set; }

    /// <summary>Frames the media handler did not take in time.</summary>
    public long OverflowedFrames { get; private set; }

    /// <summary>Generic NACKs (RFC 4585 §6.2.1) sent to the browser.</summary>
    public long NacksSent { get; private set; }

    /// <summary>PLIs (RFC 4585 §6.3.1) sent to the browser.</summary>
    public long PlisSent { get; private set; }

    /// <summary>The depacketizer's counters.</summary>
    public DepacketizerCounters Depacketizer => _depacketizer.Counters;

    /// <summary>
    /// The decoder lost its references: hands out no inter frame until the next key frame, which is asked for at the next
    /// tick and every PLI interval until it comes.
    /// </summary>
    public void RequestKeyFrame()
    {
        lock (_gate)
        {
            _depacketizer.AwaitKeyFrame();
        }
    }

    /// <summary>Takes one decrypted RTP packet.</summary>
    public void OnRtp(ReadOnlySpan<byte> packet)
    {
        if (!RtpHeader.TryRead(packet, out var header, out _) || header.PayloadType != _payloadType)
        {
            IgnoredPackets++;
            return;
        }

        lock (_gate)
        {
            // The first SSRC on our payload type is the browser's video (we negotiated no RTX or simulcast).
            _remoteSsrc ??= header.Ssrc;
            if (header.Ssrc != _remoteSsrc)
            {
                IgnoredPackets++;
                return;
            }

            _statistics ??= new ReceiveStatistics(header.Ssrc, 90_000, _time);
            _statistics.OnPacket(header.SequenceNumber, header.Timestamp);
            _nack.OnPacket(header.SequenceNumber);
            _reorder.Push(header.SequenceNumber, packet);
            Drain();
        }
    }

    /// <summary>Notes a sender report from the peer: the LSR of our next report block, and <see cref="LastSenderReport"/>.</summary>
    public void OnSenderReport(SenderReport report)
    {
        lock (_gate)
        {
            _statistics?.OnSenderReport(report);
        }
    }

    /// <summary>The peer's latest sender report for the video (its wallclock is the audio's too); null before the first.</summary>
    public SenderReport? LastSenderReport => _statistics?.LastReport;

    /// <summary>
    /// Timer tick: releases packets whose gap expired and writes the RTCP due now into
    /// <paramref name="destination"/>: a receiver report (always, so the compound rule of RFC 3550 §6.1
    /// holds) followed by a NACK and a PLI when needed. The report carries the video's block and, when
    /// <paramref name="reportDue"/>, <paramref name="otherSources"/>' (the bundled audio's: RFC 3550 §6.4.2, one RR
    /// reports on every source heard). Returns the length, 0 when nothing is due.
    /// </summary>
    public int WriteFeedback(Span<byte> destination, bool reportDue, ReadOnlySpan<ReceptionReport> otherSources = default)
    {
        lock (_gate)
        {
            Drain();
            Span<byte> feedback = stackalloc byte[512];
            int feedbackLength = 0;
            if (_remoteSsrc is { } media)
            {
                feedbackLength = WriteLossFeedback(feedback, media);
            }

            if (feedbackLength == 0 && !reportDue)
            {
                return 0;
            }

            Span<ReceptionReport> blocks = stackalloc ReceptionReport[ReportBlocks.MaxPerPacket];
            int count = 0;
            if (_statistics is not null)
            {
                blocks[count++] = _statistics.BuildReport();
            }

            if (reportDue && otherSources.Length <= blocks.Length - count)
            {
                otherSources.CopyTo(blocks[count..]);
                count += otherSources.Length;
            }

            if (count == 0 || !new ReceiverReport(_localSsrc).TryWrite(destination, blocks[..count], out int written)
                || written + feedbackLength > destination.Length)
            {
                return 0;
            }

            feedback[..feedbackLength].CopyTo(destination[written..]);
            return written + feedbackLength;
        }
    }

    /// <summary>The NACK and PLI due now for the browser's video (<paramref name="media"/>), under the gate.</summary>
    private int WriteLossFeedback(Span<byte> feedback, uint media)
    {
        int length = 0;
        if (_nack.TryBuildNack(feedback, _localSsrc, media, out int nack))
        {
            length += nack;
            NacksSent++;
        }

        if (_keyFrames.TryBuildRequest(_depacketizer.NeedsKeyFrame, feedback[length..], _localSsrc, media, out int pli))
        {
            length += pli;
            PlisSent++;
        }

        return length;
    }

    /// <summary>Ends the frame stream; the handler's reader completes.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    private void Drain()
    {
        while (_reorder.TryPop(out var packet))
        {
            if (RtpHeader.TryRead(packet.Span, out var header, out _) && header.TryGetPayload(packet.Span, out var payload)
                && _depacketizer.TryPush(header, payload, out var frame))
            {
                var copy = new EncodedVideoFrame(frame.Data.Span, frame.RtpTimestamp, frame.IsKeyFrame);
                if (!_frames.Writer.TryWrite(copy))
                {
                    // Every later inter frame would now be decoded against references that lack this one, and show
                    // blocks of older pictures: hand out nothing more until a key frame.
                    copy.Dispose();
                    OverflowedFrames++;
                    _depacketizer.AwaitKeyFrame();
                }
            }
        }
    }
}
