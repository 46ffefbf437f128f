using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using PortraitStream.Server.Tests.WebRtc.H264;
using PortraitStream.Server.Tests.WebRtc.Vp8;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Tests.WebRtc.Session;

/// <summary>
/// Our send and receive pipelines facing each other over SRTP on two loopback sockets, with the test in
/// the middle dropping a packet: the receiver's NACK must bring it back from the sender's history, and its
/// initial PLI must reach the sender as a key-frame request.
/// </summary>
public sealed class LossyLoopbackTests : IDisposable
{
    private const byte PayloadType = 96;
    private readonly Socket _socketA = UdpSocketBinder.Bind(AddressFamily.InterNetwork, 0, 0);
    private readonly Socket _socketB = UdpSocketBinder.Bind(AddressFamily.InterNetwork, 0, 0);
    private readonly SecureRtpTransport _transportA;
    private readonly SecureRtpTransport _transportB;
    private readonly ManualTimeProvider _time = new();

    public LossyLoopbackTests()
    {
        // RFC 5764 §4.2 material shared by both ends; the roles pick opposite halves.
        var material = RandomNumberGenerator.GetBytes(2 * (16 + 14));
        _transportA = Transport(_socketA, _socketB, new SrtpKeyingMaterial(SrtpProtectionProfile.Aes128CmHmacSha1Tag80, DtlsRole.Server, material));
        _transportB = Transport(_socketB, _socketA, new SrtpKeyingMaterial(SrtpProtectionProfile.Aes128CmHmacSha1Tag80, DtlsRole.Client, material));
    }

    private static SecureRtpTransport Transport(Socket local, Socket remote, SrtpKeyingMaterial keys)
    {
        local.ReceiveTimeout = 2000;
        var transport = new SecureRtpTransport(local);
        transport.SetKeys(keys);
        transport.SetRemote(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)remote.LocalEndPoint!).Port));
        return transport;
    }

    private static List<byte[]> Receive(Socket socket, int count)
    {
        var datagrams = new List<byte[]>();
        var buffer = new byte[2048];
        while (datagrams.Count < count)
        {
            int length = socket.Receive(buffer);
            datagrams.Add(buffer[..length]);
        }

        return datagrams;
    }

    /// <summary>A 5000-byte key frame: five VP8 packets; H.264's SPS + PPS in a STAP-A and the IDR in five FU-As.</summary>
    [Theory]
    [InlineData(VideoCodec.Vp8, 5)]
    [InlineData(VideoCodec.H264, 6)]
    public void Rfc4585_LostPacket_NackedAndRetransmitted_FrameCompletes(VideoCodec codec, int packetCount)
    {
        var sender = new RtpSender(codec, PayloadType, null, 0x1111, 1200, _transportA, new RembBitrateController(800_000, 100_000, 2_000_000, _time), _time);
        var receiver = new RtpReceiver(codec, PayloadType, 0x2222, _time);
        var frame = codec == VideoCodec.Vp8 ? Vp8PayloadTests.KeyFrame(5000) : H264TestFrames.KeyFrame(5000 - 32);

        sender.SendFrame(frame, 90_000);
        var packets = Receive(_socketB, packetCount);
        packets.RemoveAt(2); // lost on the way
        foreach (var packet in packets)
        {
            Assert.True(_transportB.TryUnprotectRtp(packet, out int length));
            receiver.OnRtp(packet.AsSpan(0, length));
        }

        Assert.False(receiver.Frames.TryRead(out _));

        // B's timer tick: RR + NACK for the hole + PLI (no key frame yet), protected as SRTCP back to A.
        var rtcp = new byte[1200];
        int feedback = receiver.WriteFeedback(rtcp, reportDue: false);
        Assert.True(feedback > 0);
        _transportB.SendRtcp(rtcp.AsSpan(0, feedback));
        var compound = Receive(_socketA, 1)[0];
        Assert.True(_transportA.TryUnprotectRtcp(compound, out int plain));
        Assert.True(RtcpDispatcher.Dispatch(compound.AsSpan(0, plain), new RtpReceiver(codec, PayloadType, 0x1111, _time), null, sender));
        Assert.True(sender.TakeKeyFrameRequest());
        Assert.Equal(1, sender.Retransmitted);

        var retransmission = Receive(_socketB, 1)[0];
        Assert.True(_transportB.TryUnprotectRtp(retransmission, out int retransmittedLength));
        receiver.OnRtp(retransmission.AsSpan(0, retransmittedLength));
        Assert.True(receiver.Frames.TryRead(out var received));
        using (received)
        {
            Assert.Equal(frame, received.Data.ToArray());
            Assert.True(received.IsKeyFrame);
        }
    }

    public void Dispose()
    {
        _transportA.Dispose();
        _transportB.Dispose();
        _socketA.Dispose();
        _socketB.Dispose();
    }
}
