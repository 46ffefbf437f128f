using PortraitStream.Server.WebRtc.Rtp;

namespace PortraitStream.Server.Tests.WebRtc.Rtp;

public class RtpHeaderTests
{
    [Fact]
    public void Rfc3550_Section5_1_FixedHeader_RoundTrip()
    {
        var header = new RtpHeader(true, 96, 0xBEEF, 0x01020304, 0xCAFEBABE);
        var buffer = new byte[RtpHeader.FixedLength];
        Assert.True(header.TryWrite(buffer));
        Assert.Equal("80E0BEEF01020304CAFEBABE", Convert.ToHexString(buffer));
        Assert.True(RtpHeader.TryRead(buffer, out var read, out int consumed));
        Assert.Equal(header, read);
        Assert.Equal(12, consumed);
    }

    [Fact]
    public void Rfc3550_Section5_1_CsrcList()
    {
        var packet = Hex.Parse("82 60 00 01 00 00 00 02 00 00 00 03 11 11 11 11 22 22 22 22 AA");
        Assert.True(RtpHeader.TryRead(packet, out var header, out int consumed));
        Assert.Equal(2, header.CsrcCount);
        Assert.Equal(20, consumed);
        Assert.Equal(0x22222222u, RtpHeader.ReadCsrc(packet, 1));
        Assert.True(header.TryGetPayload(packet, out var payload));
        Assert.Equal([0xAA], payload.ToArray());
    }

    [Fact]
    public void Rfc8285_Section4_2_OneByteExtensions()
    {
        // id 1 one byte, a padding byte, id 3 four bytes: 8 bytes = 2 words, then the payload.
        var packet = Hex.Parse("90 60 00 01 00 00 00 02 00 00 00 03 BE DE 00 02 10 AA 00 33 01 02 03 04 FF");
        Assert.True(RtpHeader.TryRead(packet, out var header, out int consumed));
        Assert.Equal((ushort)0xBEDE, header.ExtensionProfile);
        Assert.Equal(24, consumed);
        var found = new List<(byte, string)>();
        foreach (var element in new RtpHeaderExtensionEnumerator(header.ExtensionProfile!.Value, packet.AsSpan(header.ExtensionOffset, header.ExtensionLength)))
        {
            found.Add((element.Id, Convert.ToHexString(element.Value)));
        }

        Assert.Equal([(1, "AA"), (3, "01020304")], found);
    }

    [Fact]
    public void Rfc8285_Section4_3_TwoByteExtensions()
    {
        // id 7 len 0, id 200 len 3, padding: 8 bytes.
        var packet = Hex.Parse("90 60 00 01 00 00 00 02 00 00 00 03 10 00 00 02 07 00 C8 03 01 02 03 00");
        Assert.True(RtpHeader.TryRead(packet, out var header, out _));
        var found = new List<(byte, string)>();
        foreach (var element in new RtpHeaderExtensionEnumerator(header.ExtensionProfile!.Value, packet.AsSpan(header.ExtensionOffset, header.ExtensionLength)))
        {
            found.Add((element.Id, Convert.ToHexString(element.Value)));
        }

        Assert.Equal([(7, ""), (200, "010203")], found);
    }

    [Fact]
    public void Rfc8285_Section4_2_TruncatedElement_StopsWalk()
    {
        var data = Hex.Parse("1F AA BB");
        var count = 0;
        foreach (var unused in new RtpHeaderExtensionEnumerator(RtpHeaderExtensionEnumerator.OneByteProfile, data))
        {
            count++;
        }

        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData("A0 60 00 01 00 00 00 02 00 00 00 03 AA BB 02", "AA")]
    [InlineData("A0 60 00 01 00 00 00 02 00 00 00 03 01", "")]
    public void Rfc3550_Section5_1_PaddingRemoved(string hex, string payload)
    {
        var packet = Hex.Parse(hex);
        Assert.True(RtpHeader.TryRead(packet, out var header, out _));
        Assert.True(header.TryGetPayload(packet, out var body));
        Assert.Equal(payload, Convert.ToHexString(body));
    }

    [Theory]
    [InlineData("A0 60 00 01 00 00 00 02 00 00 00 03 AA 00")] // padding count 0
    [InlineData("A0 60 00 01 00 00 00 02 00 00 00 03 AA 09")] // more padding than payload
    public void Rfc3550_Section5_1_InvalidPadding_Rejected(string hex)
    {
        var packet = Hex.Parse(hex);
        Assert.True(RtpHeader.TryRead(packet, out var header, out _));
        Assert.False(header.TryGetPayload(packet, out _));
    }

    [Theory]
    [InlineData("80 60 00 01 00 00 00 02 00 00 00")]        // 11 bytes
    [InlineData("40 60 00 01 00 00 00 02 00 00 00 03")]     // version 1
    [InlineData("81 60 00 01 00 00 00 02 00 00 00 03")]     // CSRC missing
    [InlineData("90 60 00 01 00 00 00 02 00 00 00 03 BE DE 00 05")] // extension overruns
    public void Rfc3550_Section5_1_Malformed_Rejected(string hex) =>
        Assert.False(RtpHeader.TryRead(Hex.Parse(hex), out _, out _));

    [Fact]
    public void Rfc8285_Section4_2_OneByteWriter_RoundTripsThroughReader()
    {
        var packet = new byte[40];
        Assert.True(new RtpHeader(false, 96, 1, 2, 3) { ExtensionProfile = RtpHeaderExtensionEnumerator.OneByteProfile }.TryWrite(packet));
        var block = packet.AsSpan(12);
        Assert.True(RtpHeaderExtensionWriter.TryWriteElement(block[4..], 2, [0xAB, 0xCD, 0xEF], out int first));
        Assert.True(RtpHeaderExtensionWriter.TryWriteElement(block[(4 + first)..], 7, [0x55], out int second));
        Assert.True(RtpHeaderExtensionWriter.TryCloseBlock(block, first + second, out int written));
        // Six bytes of elements padded to two words.
        Assert.Equal("BEDE0002" + "22ABCDEF" + "70550000", Convert.ToHexString(packet, 12, written));
        Assert.True(RtpHeader.TryRead(packet, out var header, out int consumed));
        Assert.Equal(24, consumed);
        var found = new List<(byte, string)>();
        foreach (var element in new RtpHeaderExtensionEnumerator(header.ExtensionProfile!.Value, packet.AsSpan(header.ExtensionOffset, header.ExtensionLength)))
        {
            found.Add((element.Id, Convert.ToHexString(element.Value)));
        }

        Assert.Equal([(2, "ABCDEF"), (7, "55")], found);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(15, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 17)]
    public void Rfc8285_Section4_2_OneByteWriter_ReservedIdsAndLengthsRefused(byte id, int length) =>
        Assert.False(RtpHeaderExtensionWriter.TryWriteElement(new byte[32], id, new byte[length], out _));

    [Fact]
    public void Rfc8285_Section4_2_OneByteWriter_BlockTooSmallRefused()
    {
        Assert.False(RtpHeaderExtensionWriter.TryWriteElement(new byte[3], 1, [1, 2, 3], out _));
        Assert.False(RtpHeaderExtensionWriter.TryCloseBlock(new byte[7], 4, out _));
        Assert.False(RtpHeaderExtensionWriter.TryCloseBlock(new byte[8], 0, out _));
    }

    [Fact]
    public void AbsSendTime_IsNtpSixPointEighteen()
    {
        var value = new byte[3];
        AbsoluteSendTime.Write(0x0000_0003_8000_0000, value); // 3.5 s → 3.5 · 2^18
        Assert.Equal("0E0000", Convert.ToHexString(value));
    }
}
