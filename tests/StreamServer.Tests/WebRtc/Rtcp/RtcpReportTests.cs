using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.Tests.WebRtc.Rtcp;

public class RtcpReportTests
{
    private static readonly ReceptionReport Block = new(0x11223344, 25, -3, 0x0001FFFF, 77, 0xB7052000, 0x00054000);

    [Fact]
    public void Rfc3550_Section6_4_1_SenderReport_RoundTrip()
    {
        var sr = new SenderReport(0xCAFEBABE, 0xE1234567_89ABCDEF, 90000, 12, 3456);
        var buffer = new byte[64];
        Assert.True(sr.TryWrite(buffer, [Block], out int written));
        Assert.Equal(52, written);
        Assert.Equal("81C8000C", Convert.ToHexString(buffer, 0, 4));
        Assert.True(SenderReport.TryRead(buffer.AsSpan(0, written), out var read, out int count));
        Assert.Equal(sr, read);
        Assert.Equal(1, count);
        Assert.True(ReportBlocks.TryGet(buffer.AsSpan(SenderReport.BlocksOffset, written - SenderReport.BlocksOffset), 0, out var block));
        Assert.Equal(Block, block);
    }

    [Fact]
    public void Rfc3550_Section6_4_2_ReceiverReport_RoundTrip()
    {
        var buffer = new byte[64];
        Assert.True(new ReceiverReport(7).TryWrite(buffer, [Block, Block with { Ssrc = 9 }], out int written));
        Assert.Equal(56, written);
        Assert.True(ReceiverReport.TryRead(buffer.AsSpan(0, written), out var rr, out int count));
        Assert.Equal(7u, rr.Ssrc);
        Assert.Equal(2, count);
        Assert.True(ReportBlocks.TryGet(buffer.AsSpan(ReceiverReport.BlocksOffset), 1, out var second));
        Assert.Equal(9u, second.Ssrc);
        Assert.Equal(-3, second.CumulativeLost);
    }

    [Fact]
    public void Rfc3550_Section6_4_1_RoundTripTime_Figure2()
    {
        // A = 0xb710:8000, LSR = 0xb705:2000, DLSR = 0x0005:4000 → 0x0006:2000 = 6.125 s.
        var rtt = NtpTime.RoundTrip(0xB7108000, 0xB7052000, 0x00054000);
        Assert.Equal(TimeSpan.FromSeconds(6.125), rtt);
    }

    [Fact]
    public void Rfc3550_Section6_4_1_NoLastSenderReport_NoRoundTrip() =>
        Assert.Null(NtpTime.RoundTrip(0xB7108000, 0, 0));

    [Fact]
    public void Rfc3550_Section4_NtpTimestamp()
    {
        var ntp = NtpTime.FromDateTime(new DateTimeOffset(1900, 1, 1, 0, 0, 1, TimeSpan.Zero).AddMilliseconds(500));
        Assert.Equal(0x00000001_80000000ul, ntp);
        Assert.Equal(0x00018000u, NtpTime.Compact(ntp));
    }

    [Fact]
    public void Rfc3550_Section6_6_Bye_RoundTrip()
    {
        var buffer = new byte[8];
        Assert.True(Bye.TryWrite(buffer, 0xABCD, out int written));
        Assert.True(Bye.TryRead(buffer.AsSpan(0, written), out int count));
        Assert.Equal(1, count);
        Assert.Equal(0xABCDu, Bye.GetSource(buffer, 0));
    }

    [Fact]
    public void Rfc3550_Section6_1_CompoundPacket_SplitByLength()
    {
        var buffer = new byte[128];
        Assert.True(new ReceiverReport(1).TryWrite(buffer, [], out int rr));
        Assert.True(PictureLossIndication.TryWrite(buffer.AsSpan(rr), 1, 2, out int pli));
        Assert.True(Bye.TryWrite(buffer.AsSpan(rr + pli), 1, out int bye));
        var types = new List<byte>();
        var walk = new RtcpCompoundEnumerator(buffer.AsSpan(0, rr + pli + bye));
        while (walk.MoveNext())
        {
            types.Add(walk.Current.Header.PacketType);
        }

        Assert.True(walk.EndedCleanly);
        Assert.Equal([RtcpPacketType.ReceiverReport, RtcpPacketType.PayloadFeedback, RtcpPacketType.Bye], types);
    }

    [Theory]
    [InlineData("81C9")]                      // shorter than a header
    [InlineData("81C90007 00000001")]         // length says 32 bytes, 8 present
    [InlineData("41C90001 00000001")]         // version 1
    public void Rfc3550_Section6_1_MalformedCompound_StopsUnclean(string hex)
    {
        var walk = new RtcpCompoundEnumerator(Hex.Parse(hex));
        while (walk.MoveNext())
        {
        }

        Assert.False(walk.EndedCleanly);
    }
}
