using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Tests.WebRtc.Session;

/// <summary>
/// The report block we owe a peer for its Opus audio (RFC 3550 §6.4.1–6.4.2), with the RFC's arithmetic worked by hand:
/// extended highest sequence number across the 16-bit wrap (A.1), cumulative and fractional loss (A.3), interarrival
/// jitter in 48 kHz RTP units across the 32-bit timestamp wrap (A.8), LSR/DLSR; and the RR that carries it beside the
/// video's block.
/// </summary>
public sealed class OpusReceiverReportTests
{
    private const byte Opus = 111;
    private const uint Microphone = 0x5151;
    private const uint Camera = 0xCA3E;
    private const uint Ours = 0x1111;
    private const uint FrameTicks = 960; // 20 ms at 48 kHz

    private readonly ManualTimeProvider _time = new();

    private static byte[] Packet(byte payloadType, uint ssrc, ushort sequence, uint timestamp)
    {
        var packet = new byte[RtpHeader.FixedLength + 40];
        new RtpHeader(false, payloadType, sequence, timestamp, ssrc).TryWrite(packet);
        packet.AsSpan(RtpHeader.FixedLength).Fill(0xA5);
        return packet;
    }

    [Fact]
    public void NoBlock_BeforeThePeerSentAudio()
    {
        var receiver = new OpusRtpReceiver(Opus, _time);
        Assert.False(receiver.TryBuildReport(out _));
    }

    [Fact]
    public void Rfc3550_AppendixA1_A3_LossAcrossTheSequenceWrap()
    {
        var receiver = new OpusRtpReceiver(Opus, _time);
        // 65535, 2 and 3 never arrive; a second source's packets count for nothing.
        foreach (ushort sequence in new ushort[] { 65533, 65534, 0, 1, 4 })
        {
            Assert.True(receiver.TryTake(Packet(Opus, Microphone, sequence, sequence * FrameTicks)));
        }

        receiver.TryTake(Packet(Opus, 0xBAD, 9, 0));

        Assert.True(receiver.TryBuildReport(out var report));
        Assert.Equal(Microphone, report.Ssrc);
        Assert.Equal(0x1_0004u, report.HighestSequence);  // one cycle, then 4
        Assert.Equal(3, report.CumulativeLost);           // expected 0x10004 − 65533 + 1 = 8, received 5
        Assert.Equal(96, report.FractionLost);            // 3 · 256 / 8

        // A new interval: two more in order, none lost since the last report.
        receiver.TryTake(Packet(Opus, Microphone, 5, 5 * FrameTicks));
        receiver.TryTake(Packet(Opus, Microphone, 6, 6 * FrameTicks));
        Assert.True(receiver.TryBuildReport(out report));
        Assert.Equal(0, report.FractionLost);
        Assert.Equal(3, report.CumulativeLost);
        Assert.Equal(0x1_0006u, report.HighestSequence);
    }

    [Fact]
    public void Rfc3550_AppendixA8_JitterIn48kHzUnits_AcrossTheTimestampWrap()
    {
        var receiver = new OpusRtpReceiver(Opus, _time);
        // Four 20 ms packets whose timestamps wrap past 2³² after the first; the third arrives 5 ms (240 ticks) late.
        uint start = uint.MaxValue - FrameTicks + 1;
        double[] arrivalsMs = [0, 20, 45, 60];
        for (int i = 0; i < arrivalsMs.Length; i++)
        {
            if (i > 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(arrivalsMs[i] - arrivalsMs[i - 1]));
            }

            receiver.TryTake(Packet(Opus, Microphone, (ushort)(100 + i), unchecked(start + (uint)i * FrameTicks)));
        }

        // D = 0, +240, −240: J = 0 → 0 + (240 − 0)/16 = 15 → 15 + (240 − 15)/16 = 29.0625, reported as 29.
        Assert.True(receiver.TryBuildReport(out var report));
        Assert.Equal(29u, report.Jitter);
    }

    [Fact]
    public void Rfc3550_Section6_4_1_LsrAndDlsr_AndTheClockPair_FromTheMicrophonesSenderReportOnly()
    {
        var receiver = new OpusRtpReceiver(Opus, _time);
        receiver.TryTake(Packet(Opus, Microphone, 1, 0));
        receiver.OnSenderReport(new SenderReport(Camera, 0x0000_AAAA_BBBB_0000, 0, 0, 0));   // another source's SR: not ours to echo here
        Assert.Null(receiver.LastSenderReport);
        Assert.True(receiver.TryBuildReport(out var report));
        Assert.Equal(0u, report.LastSenderReport);
        Assert.Equal(0u, report.DelaySinceLastSenderReport);

        receiver.OnSenderReport(new SenderReport(Microphone, 0x0000_1234_5678_0000, 4800, 0, 0));
        Assert.Equal((0x0000_1234_5678_0000ul, 4800u), (receiver.LastSenderReport?.NtpTimestamp, receiver.LastSenderReport?.RtpTimestamp));
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(receiver.TryBuildReport(out report));
        Assert.Equal(0x1234_5678u, report.LastSenderReport);          // the middle 32 bits of the SR's NTP time
        Assert.Equal(0x0000_8000u, report.DelaySinceLastSenderReport); // 0.5 s in 1/65536 s
    }

    [Fact]
    public void Rfc3550_Section6_4_2_OneReceiverReport_CarriesTheVideosAndTheAudiosBlocks_WhenAReportIsDue()
    {
        var video = new RtpReceiver(VideoCodec.Vp8, 96, Ours, _time);
        video.OnRtp(Packet(96, Camera, 7, 0));
        var audio = new OpusRtpReceiver(Opus, _time);
        audio.TryTake(Packet(Opus, Microphone, 3, 0));
        Assert.True(audio.TryBuildReport(out var audioBlock));

        var rtcp = new byte[1200];
        int length = video.WriteFeedback(rtcp, reportDue: true, [audioBlock]);

        Assert.True(ReceiverReport.TryRead(rtcp.AsSpan(0, length), out var rr, out int count));
        Assert.Equal(Ours, rr.Ssrc);
        Assert.Equal(2, count);
        Assert.True(ReportBlocks.TryGet(rtcp.AsSpan(ReceiverReport.BlocksOffset), 0, out var first));
        Assert.True(ReportBlocks.TryGet(rtcp.AsSpan(ReceiverReport.BlocksOffset), 1, out var second));
        Assert.Equal((Camera, Microphone), (first.Ssrc, second.Ssrc));
        Assert.Equal(3u, second.HighestSequence);
    }

    [Fact]
    public void Rfc3550_Section6_4_2_TheAudiosBlockGoesOut_BeforeAnyVideoArrived()
    {
        var video = new RtpReceiver(VideoCodec.Vp8, 96, Ours, _time);
        var audio = new OpusRtpReceiver(Opus, _time);
        audio.TryTake(Packet(Opus, Microphone, 3, 0));
        Assert.True(audio.TryBuildReport(out var audioBlock));
        var rtcp = new byte[1200];

        Assert.Equal(0, video.WriteFeedback(rtcp, reportDue: false, [audioBlock]));
        int length = video.WriteFeedback(rtcp, reportDue: true, [audioBlock]);

        Assert.True(ReceiverReport.TryRead(rtcp.AsSpan(0, length), out _, out int count));
        Assert.Equal(1, count);
        Assert.True(ReportBlocks.TryGet(rtcp.AsSpan(ReceiverReport.BlocksOffset), 0, out var only));
        Assert.Equal(Microphone, only.Ssrc);
    }
}
