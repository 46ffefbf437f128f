using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Tests.WebRtc.Session;

/// <summary>
/// Hostile and ordinary RTP on the Opus payload type: what is the audio's is taken (accepted or counted and dropped),
/// what is not is left to the video receiver, and nothing throws.
/// </summary>
public class OpusRtpReceiverTests
{
    private const byte Opus = 111;
    private const uint Microphone = 0x5151;

    private static byte[] Packet(byte payloadType, uint ssrc, int payloadLength, ushort sequence = 1, uint timestamp = 960, bool padding = false)
    {
        var packet = new byte[RtpHeader.FixedLength + payloadLength];
        new RtpHeader(false, payloadType, sequence, timestamp, ssrc).TryWrite(packet);
        packet.AsSpan(RtpHeader.FixedLength).Fill(0xA5);
        if (padding)
        {
            // RFC 3550 §5.1: the P bit, and the last octet counts the padding, itself included: here the whole payload.
            packet[0] |= 0x20;
            packet[^1] = (byte)payloadLength;
        }

        return packet;
    }

    [Fact]
    public void Rfc7587_OpusPacket_TakenWithPayloadTimestampAndMarker()
    {
        var receiver = new OpusRtpReceiver(Opus, TimeProvider.System);
        var packet = Packet(Opus, Microphone, 80, timestamp: 123_456);
        packet[1] |= 0x80; // marker: first packet after silence

        Assert.True(receiver.TryTake(packet));

        Assert.True(receiver.Packets.TryRead(out var taken));
        Assert.Equal(packet[RtpHeader.FixedLength..], taken.Payload);
        Assert.Equal(123_456u, taken.RtpTimestamp);
        Assert.True(taken.Marker);
        Assert.Equal(1, receiver.Received);
    }

    [Theory]
    [InlineData(96)] // the video's payload type
    [InlineData(0)]  // PCMU, never answered
    public void Rfc8843_Section9_OtherPayloadType_LeftForTheVideo(byte payloadType)
    {
        var receiver = new OpusRtpReceiver(Opus, TimeProvider.System);
        Assert.False(receiver.TryTake(Packet(payloadType, Microphone, 80)));
        Assert.Equal(0, receiver.Received);
    }

    [Fact]
    public void HostileRtp_SecondSsrc_OversizedAndEmptyPayloads_CountedAndDropped()
    {
        var receiver = new OpusRtpReceiver(Opus, TimeProvider.System);
        Assert.True(receiver.TryTake(Packet(Opus, Microphone, 80)));
        Assert.True(receiver.TryTake(Packet(Opus, Microphone + 1, 80)));
        Assert.True(receiver.TryTake(Packet(Opus, Microphone, OpusRtpReceiver.MaxPayloadLength + 1)));
        Assert.True(receiver.TryTake(Packet(Opus, Microphone, 0)));
        Assert.True(receiver.TryTake(Packet(Opus, Microphone, 8, padding: true)));
        Assert.False(receiver.TryTake([0x80, Opus])); // shorter than a header: not RTP at all, the video receiver counts it

        Assert.Equal((1, 1, 1, 2), (receiver.Received, receiver.ForeignSsrc, receiver.Oversized, receiver.Malformed));
        Assert.True(receiver.Packets.TryRead(out _));
        Assert.False(receiver.Packets.TryRead(out _));
    }

    [Fact]
    public void SlowReader_OldestPacketsDropped_AndCounted()
    {
        var receiver = new OpusRtpReceiver(Opus, TimeProvider.System);
        for (int i = 0; i < 100; i++)
        {
            receiver.TryTake(Packet(Opus, Microphone, 40, (ushort)i, (uint)(i * 960)));
        }

        Assert.Equal(100, receiver.Received);
        Assert.True(receiver.Overflowed > 0);
        Assert.True(receiver.Packets.TryRead(out var oldest));
        // The newest ones are kept: the oldest left is the one after the dropped.
        Assert.Equal((uint)(receiver.Overflowed * 960), oldest.RtpTimestamp);
    }
}
