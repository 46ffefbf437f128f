using PortraitStream.Server.WebRtc.Demux;

namespace PortraitStream.Server.Tests.WebRtc.Demux;

public class PacketClassifierTests
{
    [Theory]
    [InlineData(0, PacketKind.Stun)]
    [InlineData(3, PacketKind.Stun)]
    [InlineData(4, PacketKind.Unknown)]
    [InlineData(19, PacketKind.Unknown)]
    [InlineData(20, PacketKind.Dtls)]
    [InlineData(63, PacketKind.Dtls)]
    [InlineData(64, PacketKind.Unknown)]
    [InlineData(127, PacketKind.Unknown)]
    [InlineData(128, PacketKind.Rtp)]
    [InlineData(191, PacketKind.Rtp)]
    [InlineData(192, PacketKind.Unknown)]
    [InlineData(255, PacketKind.Unknown)]
    public void Rfc7983_Section7_FirstByteRanges(byte first, PacketKind expected) =>
        Assert.Equal(expected, PacketClassifier.Classify([first, 0, 0, 0]));

    [Fact]
    public void Rfc7983_EmptyDatagram_IsUnknown() => Assert.Equal(PacketKind.Unknown, PacketClassifier.Classify([]));

    [Theory]
    [InlineData(200, true)]  // SR
    [InlineData(201, true)]  // RR
    [InlineData(206, true)]  // PSFB
    [InlineData(96, false)]  // VP8 without marker
    [InlineData(224, false)] // VP8 (PT 96) with marker
    public void Rfc5761_Section4_RtcpPacketTypes(byte second, bool isRtcp) =>
        Assert.Equal(isRtcp, PacketClassifier.IsRtcp([0x80, second]));
}
