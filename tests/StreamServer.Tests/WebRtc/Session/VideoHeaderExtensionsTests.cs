using System.Net;
using System.Security.Cryptography;
using PortraitStream.Server.Tests.WebRtc.Vp8;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Video;
using PortraitStream.Server.WebRtc.Warmup;

namespace PortraitStream.Server.Tests.WebRtc.Session;

/// <summary>
/// The header extensions on our video packets as they leave (SRTP leaves the RTP header in clear, RFC 3711 §3.1):
/// abs-send-time and playout-delay side by side in one RFC 8285 one-byte block, each under the offer's id.
/// </summary>
public class VideoHeaderExtensionsTests
{
    private readonly ManualTimeProvider _time = new();

    /// <summary>Every packet of a frame the sender wrote, its header read back.</summary>
    private List<(RtpHeader Header, byte[] Packet)> Send(VideoHeaderExtensions? extensions)
    {
        var wire = new MemoryWire();
        var transport = new SecureRtpTransport(wire);
        transport.SetKeys(new SrtpKeyingMaterial(SrtpProtectionProfile.Aes128CmHmacSha1Tag80, DtlsRole.Server, RandomNumberGenerator.GetBytes(2 * (16 + 14))));
        transport.SetRemote(new IPEndPoint(IPAddress.Loopback, 9));
        var sender = new RtpSender(VideoCodec.Vp8, 96, extensions, 0x1111, 1200, transport, new RembBitrateController(800_000, 100_000, 2_000_000, _time), _time);
        sender.SendFrame(Vp8PayloadTests.KeyFrame(3000), 90_000);
        var packets = new List<(RtpHeader, byte[])>();
        while (wire.TryTake(out var datagram))
        {
            Assert.True(RtpHeader.TryRead(datagram, out var header, out _));
            packets.Add((header, datagram));
        }

        Assert.True(packets.Count > 1);
        return packets;
    }

    private static List<(byte Id, string Value)> Elements(RtpHeader header, byte[] packet)
    {
        var found = new List<(byte, string)>();
        foreach (var element in new RtpHeaderExtensionEnumerator(header.ExtensionProfile!.Value, packet.AsSpan(header.ExtensionOffset, header.ExtensionLength)))
        {
            found.Add((element.Id, Convert.ToHexString(element.Value)));
        }

        return found;
    }

    [Fact]
    public void Rfc8285_Section4_2_AbsSendTimeAndPlayoutDelay_OnEveryPacket()
    {
        var sendTime = new byte[AbsoluteSendTime.Length];
        AbsoluteSendTime.Write(NtpTime.FromDateTime(_time.GetUtcNow()), sendTime);
        foreach (var (header, packet) in Send(VideoHeaderExtensions.For(absSendTimeId: 2, playoutDelayId: 5)))
        {
            Assert.Equal(RtpHeaderExtensionEnumerator.OneByteProfile, header.ExtensionProfile);
            // 0xBEDE, two words: id 2 (3 bytes), id 5 (3 bytes), no padding needed.
            Assert.Equal("BEDE0002", Convert.ToHexString(packet, RtpHeader.FixedLength, 4));
            Assert.Equal([(2, Convert.ToHexString(sendTime)), (5, "00000A")], Elements(header, packet));
        }
    }

    [Fact]
    public void Rfc8285_Section4_2_PlayoutDelayAlone_Padded()
    {
        foreach (var (header, packet) in Send(VideoHeaderExtensions.For(absSendTimeId: null, playoutDelayId: 14)))
        {
            Assert.Equal("BEDE0001" + "E200000A", Convert.ToHexString(packet, RtpHeader.FixedLength, 8));
            Assert.Equal([(14, "00000A")], Elements(header, packet));
        }
    }

    [Fact]
    public void NeitherOffered_NoExtensionBlock()
    {
        Assert.Null(VideoHeaderExtensions.For(absSendTimeId: null, playoutDelayId: null));
        Assert.All(Send(null), p => Assert.Null(p.Header.ExtensionProfile));
    }

    [Fact]
    public void AbsSendTime_FollowsTheClockPerPacket()
    {
        var extensions = VideoHeaderExtensions.For(absSendTimeId: 3, playoutDelayId: 4)!;
        var first = new byte[extensions.Length];
        var later = new byte[extensions.Length];
        extensions.Write(first, NtpTime.FromDateTime(_time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        extensions.Write(later, NtpTime.FromDateTime(_time.GetUtcNow()));
        // 6.18 fixed point: 250 ms is 0.25 · 2^18 = 0x10000 later; playout-delay unchanged.
        int Value(byte[] block) => (block[5] << 16) | (block[6] << 8) | block[7];
        Assert.Equal(0x10000, (Value(later) - Value(first)) & 0xFFFFFF);
        Assert.Equal(Convert.ToHexString(first, 8, 4), Convert.ToHexString(later, 8, 4));
    }
}
