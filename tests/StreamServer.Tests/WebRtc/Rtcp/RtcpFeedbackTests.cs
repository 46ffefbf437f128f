using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.Tests.WebRtc.Rtcp;

public class RtcpFeedbackTests
{
    [Fact]
    public void Rfc4585_Section6_2_1_GenericNack_PidAndBitmask()
    {
        var buffer = new byte[64];
        ushort[] lost = [100, 101, 116, 117, 200];
        Assert.True(GenericNack.TryWrite(buffer, 1, 2, lost, out int written));
        // 100 with bits for 101 (bit 0) and 116 (bit 15); 117 starts a new entry; 200 another.
        Assert.Equal("81CD0005 00000001 00000002 00648001 00750000 00C80000".Replace(" ", ""), Convert.ToHexString(buffer, 0, written));
        Assert.True(GenericNack.TryRead(buffer.AsSpan(0, written), out var header, out var fci));
        Assert.Equal(2u, header.MediaSsrc);
        var read = new ushort[32];
        int count = GenericNack.CopyLostSequences(fci, read);
        Assert.Equal(lost, read[..count]);
    }

    [Fact]
    public void Rfc4585_Section6_2_1_GenericNack_AcrossSequenceWrap()
    {
        var buffer = new byte[64];
        Assert.True(GenericNack.TryWrite(buffer, 1, 2, [65535, 0, 1], out int written));
        Assert.Equal("FFFF0003", Convert.ToHexString(buffer, 12, 4));
        Assert.Equal(16, written);
    }

    [Fact]
    public void Rfc4585_Section6_3_1_PictureLossIndication_Bytes()
    {
        var buffer = new byte[12];
        Assert.True(PictureLossIndication.TryWrite(buffer, 0x11111111, 0x22222222, out int written));
        Assert.Equal("81CE0002" + "11111111" + "22222222", Convert.ToHexString(buffer, 0, written));
        Assert.True(PictureLossIndication.TryRead(buffer, out var header));
        Assert.Equal(0x22222222u, header.MediaSsrc);
    }

    [Fact]
    public void Rfc5104_Section4_3_1_FullIntraRequest_RoundTrip()
    {
        var buffer = new byte[20];
        Assert.True(FullIntraRequest.TryWrite(buffer, 1, 0xABCDEF01, 7, out int written));
        Assert.Equal("84CE0004" + "00000001" + "00000000" + "ABCDEF01" + "07000000", Convert.ToHexString(buffer, 0, written));
        Assert.True(FullIntraRequest.TryRead(buffer, out uint sender, out uint target, out byte seq));
        Assert.Equal((1u, 0xABCDEF01u, (byte)7), (sender, target, seq));
    }

    [Theory]
    [InlineData(300_000ul)]
    [InlineData(2_500_000ul)]
    [InlineData(262_143ul)]
    public void Remb_Section2_2_BitrateExponentMantissa(ulong bitrate)
    {
        var buffer = new byte[32];
        Assert.True(ReceiverEstimatedMaxBitrate.TryWrite(buffer, 1, 2, bitrate, out int written));
        Assert.Equal(24, written);
        Assert.True(ReceiverEstimatedMaxBitrate.TryRead(buffer.AsSpan(0, written), out ulong read, out int ssrcs));
        Assert.Equal(1, ssrcs);
        Assert.InRange(read, bitrate - (bitrate >> 17), bitrate);
    }

    [Fact]
    public void Remb_Section2_2_ChromiumPacket()
    {
        // As Chromium sends it: exponent 2, mantissa 0x3D090 → 1,000,000 bps for one SSRC.
        var packet = Hex.Parse("8FCE0005 00000001 00000000 52454D42 010BD090 12345678");
        Assert.True(ReceiverEstimatedMaxBitrate.TryRead(packet, out ulong bitrate, out int ssrcs));
        Assert.Equal(1_000_000ul, bitrate);
        Assert.Equal(1, ssrcs);
    }

    [Theory]
    [InlineData("81CE0001 00000001")]                         // PLI shorter than 12 bytes
    [InlineData("8FCE0004 00000001 00000000 52454D42 0203D090")] // REMB claims 2 SSRCs, carries none
    [InlineData("8FCE0004 00000001 00000000 58585858 0103D090")] // not "REMB"
    public void Rfc4585_Section6_1_MalformedFeedback_Rejected(string hex)
    {
        var packet = Hex.Parse(hex);
        Assert.False(PictureLossIndication.TryRead(packet, out _) && packet.Length >= 12);
        Assert.False(ReceiverEstimatedMaxBitrate.TryRead(packet, out _, out _));
    }
}
