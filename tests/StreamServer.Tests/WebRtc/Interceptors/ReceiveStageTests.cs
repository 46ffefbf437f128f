using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.Tests.WebRtc.Interceptors;

public class ReceiveStageTests
{
    private readonly ManualTimeProvider _time = new();

    private static List<int> Drain(ReorderBuffer buffer)
    {
        var order = new List<int>();
        while (buffer.TryPop(out var packet))
        {
            order.Add(packet.Span[0]);
        }

        return order;
    }

    [Fact]
    public void Reorder_OutOfOrderPackets_ComeOutInSequence()
    {
        var buffer = new ReorderBuffer(16, TimeSpan.FromMilliseconds(50), _time);
        foreach (var seq in new ushort[] { 65534, 0, 65535, 2, 1 })
        {
            buffer.Push(seq, [(byte)seq]);
        }

        Assert.Equal([254, 0xFF, 0, 1, 2], Drain(buffer));
    }

    [Fact]
    public void Reorder_GapWaitedForThenSkipped()
    {
        var buffer = new ReorderBuffer(16, TimeSpan.FromMilliseconds(50), _time);
        buffer.Push(1, [1]);
        buffer.Push(3, [3]);
        Assert.Equal([1], Drain(buffer));
        _time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.Equal([3], Drain(buffer));
        Assert.Equal(1, buffer.SkippedPackets);
        Assert.False(buffer.Push(2, [2])); // too late now
        Assert.Equal(1, buffer.LatePackets);
    }

    [Fact]
    public void Rfc4585_Section6_2_1_GapProducesNackAndRetransmissionClearsIt()
    {
        var nack = new NackGenerator(_time, TimeSpan.FromMilliseconds(100));
        foreach (ushort seq in new ushort[] { 10, 11, 14 })
        {
            nack.OnPacket(seq);
        }

        Assert.Equal(2, nack.MissingCount);
        var buffer = new byte[64];
        Assert.True(nack.TryBuildNack(buffer, 1, 2, out int written));
        Assert.True(GenericNack.TryRead(buffer.AsSpan(0, written), out _, out var fci));
        var lost = new ushort[8];
        Assert.Equal([12, 13], lost[..GenericNack.CopyLostSequences(fci, lost)]);
        Assert.False(nack.TryBuildNack(buffer, 1, 2, out _)); // not yet due again
        nack.OnPacket(12);
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.True(nack.TryBuildNack(buffer, 1, 2, out written));
        Assert.True(GenericNack.TryRead(buffer.AsSpan(0, written), out _, out fci));
        Assert.Equal([13], lost[..GenericNack.CopyLostSequences(fci, lost)]);
    }

    [Fact]
    public void Rfc4585_NackRetriesAreBounded()
    {
        var nack = new NackGenerator(_time, TimeSpan.FromMilliseconds(10));
        nack.OnPacket(1);
        nack.OnPacket(3);
        int sent = 0;
        for (int i = 0; i < 20; i++)
        {
            sent += nack.TryBuildNack(new byte[64], 1, 2, out _) ? 1 : 0;
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(NackGenerator.MaxRetries, sent);
        Assert.Equal(0, nack.MissingCount);
    }

    [Fact]
    public void Rfc3550_AppendixA3_LossAndExtendedSequence()
    {
        var stats = new ReceiveStatistics(7, 90000, _time);
        foreach (ushort seq in new ushort[] { 65534, 65535, 1, 2 }) // 0 lost, across the wrap
        {
            stats.OnPacket(seq, 0);
        }

        var report = stats.BuildReport();
        Assert.Equal(1, report.CumulativeLost);
        Assert.Equal(0x10002u, report.HighestSequence);
        Assert.Equal(51, report.FractionLost); // 1 of 5 → 256/5
        Assert.Equal(0, stats.BuildReport().FractionLost); // new interval, nothing new lost
    }

    [Fact]
    public void Rfc3550_Section6_4_1_DelaySinceLastSenderReport()
    {
        var stats = new ReceiveStatistics(7, 90000, _time);
        stats.OnPacket(1, 0);
        stats.OnSenderReport(new SenderReport(8, 0x0000_AAAA_BBBB_0000, 0, 0, 0));   // another source's: ignored
        Assert.Null(stats.LastReport);
        stats.OnSenderReport(new SenderReport(7, 0x0000_1234_5678_0000, 900, 0, 0));
        Assert.Equal(900u, stats.LastReport?.RtpTimestamp);
        _time.Advance(TimeSpan.FromSeconds(1.5));
        var report = stats.BuildReport();
        Assert.Equal(0x12345678u, report.LastSenderReport);
        Assert.Equal(0x00018000u, report.DelaySinceLastSenderReport);
    }

    [Fact]
    public void Rfc4585_Section6_3_1_PliRateLimited()
    {
        var requester = new KeyFrameRequester(_time, TimeSpan.FromMilliseconds(300));
        var buffer = new byte[12];
        Assert.False(requester.TryBuildRequest(false, buffer, 1, 2, out _));
        Assert.True(requester.TryBuildRequest(true, buffer, 1, 2, out _));
        Assert.False(requester.TryBuildRequest(true, buffer, 1, 2, out _));
        _time.Advance(TimeSpan.FromMilliseconds(301));
        Assert.True(requester.TryBuildRequest(true, buffer, 1, 2, out int written));
        Assert.True(PictureLossIndication.TryRead(buffer.AsSpan(0, written), out _));
    }
}
