using System.Buffers.Binary;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Srtp;

namespace PortraitStream.Server.Tests.WebRtc.Srtp;

public class SrtpContextTests
{
    private static byte[] Protect(SrtpContext sender, ushort seq, byte fill = 0xAB)
    {
        var buffer = new byte[64];
        new RtpHeader(false, 96, seq, 1234, 0xCAFEBABE).TryWrite(buffer);
        buffer.AsSpan(12, 20).Fill(fill);
        Assert.True(sender.TryProtect(buffer, 32, out int length));
        return buffer[..length];
    }

    [Fact]
    public void Rfc3711_Section3_3_2_ReplayedPacket_Rejected()
    {
        using var sender = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        using var receiver = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        var packet = Protect(sender, 10);
        Assert.True(receiver.TryUnprotect((byte[])packet.Clone(), out _));
        Assert.False(receiver.TryUnprotect((byte[])packet.Clone(), out _));
        Assert.Equal(1, receiver.Counters.Replayed);
    }

    [Fact]
    public void Rfc3711_Section3_3_2_TooOldPacket_Rejected()
    {
        using var sender = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        using var receiver = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        var old = Protect(sender, 1);
        Assert.True(receiver.TryUnprotect(Protect(sender, 500), out _));
        Assert.False(receiver.TryUnprotect(old, out _));
    }

    [Fact]
    public void Rfc3711_Section3_3_ReorderedPacketsInsideWindow_Accepted()
    {
        using var sender = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        using var receiver = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        var packets = Enumerable.Range(100, 5).Select(i => Protect(sender, (ushort)i)).ToArray();
        foreach (var i in new[] { 0, 2, 1, 4, 3 })
        {
            Assert.True(receiver.TryUnprotect(packets[i], out _));
        }
    }

    [Fact]
    public void Rfc3711_AppendixA_RolloverAcrossSequenceWrap()
    {
        using var sender = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        using var receiver = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        // Walk 65,530 → 65,535 → 0 → 5: after the wrap both sides must agree the ROC is 1.
        for (int seq = 65530; seq < 65536 + 6; seq++)
        {
            var packet = Protect(sender, (ushort)seq, (byte)seq);
            Assert.True(receiver.TryUnprotect(packet, out int length));
            Assert.Equal((byte)seq, packet[length - 1]);
        }
    }

    [Fact]
    public void Rfc3711_Section3_3_TamperedPayload_FailsAuthentication()
    {
        using var sender = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        using var receiver = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        var packet = Protect(sender, 7);
        packet[20] ^= 0x01;
        Assert.False(receiver.TryUnprotect(packet, out _));
        Assert.Equal(1, receiver.Counters.AuthenticationFailed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(21)]
    public void Rfc3711_Section3_3_TruncatedPacket_Rejected(int length)
    {
        using var sender = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        using var receiver = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        var packet = Protect(sender, 7);
        Assert.False(receiver.TryUnprotect(packet.AsSpan(0, length), out _));
    }

    [Fact]
    public void Rfc3711_Section3_2_3_NewSsrcsBeyondLimit_Refused()
    {
        using var receiver = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        var packet = new byte[40];
        new RtpHeader(false, 96, 1, 1, 0).TryWrite(packet);
        for (uint ssrc = 0; ssrc < SrtpConstants.MaxStreams + 5; ssrc++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
            receiver.TryUnprotect((byte[])packet.Clone(), out _);
        }

        Assert.Equal(5, receiver.Counters.TooManyStreams);
    }
}
