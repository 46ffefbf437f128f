using System.Net;
using PortraitStream.Server.Tests.WebRtc.Ice;
using PortraitStream.Server.Tests.WebRtc.Srtp;
using PortraitStream.Server.Tests.WebRtc.Stun;
using PortraitStream.Server.Tests.WebRtc.Vp8;
using PortraitStream.Server.WebRtc.Demux;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Srtp;
using PortraitStream.Server.WebRtc.Vp8;

namespace PortraitStream.Server.Tests.WebRtc.Fuzz;

/// <summary>
/// Thousands of seeded mutations of valid packets per layer: every parser must refuse or accept them
/// without throwing, and refusals must be counted where the layer counts.
/// </summary>
public class HostileInputTests
{
    private const int Iterations = 5000;
    private const int Seed = 5769;

    private static void Run(byte[][] seeds, Action<byte[]> feed)
    {
        var mutator = new Mutator(Seed);
        for (int i = 0; i < Iterations; i++)
        {
            var input = i % 10 == 9 ? mutator.RandomPacket() : mutator.Mutate(seeds[i % seeds.Length]);
            feed(input);
        }
    }

    [Fact]
    public void Fuzz_StunAndIceAgent_NeverThrow()
    {
        var agent = new IceLiteAgent(new IceCredentials("srvU", "serverpassword0123456789"), TimeProvider.System);
        var from = new IPEndPoint(IPAddress.Loopback, 5000);
        var response = new byte[1500];
        byte[][] seeds = [Rfc5769Vectors.Request, Rfc5769Vectors.Ipv6Response, IceLiteAgentTests.Check("srvU:x", "serverpassword0123456789", true)];
        Run(seeds, input =>
        {
            PacketClassifier.Classify(input);
            agent.HandleStun(input, from, response, out _);
        });
        Assert.True(agent.Counters.Malformed + agent.Counters.BadFingerprint + agent.Counters.BadUsername + agent.Counters.BadIntegrity > Iterations / 2);
    }

    [Fact]
    public void Fuzz_SrtpAndSrtcp_NeverThrow_AndNothingForgedAuthenticates()
    {
        var rtp = new byte[64];
        new RtpHeader(true, 96, 1, 2, 3).TryWrite(rtp);
        using (var sender = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt))
        {
            sender.TryProtect(rtp, 40, out _);
        }

        var rtcp = new byte[64];
        new ReceiverReport(3).TryWrite(rtcp, [], out _);
        using (var sender = new SrtcpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt))
        {
            sender.TryProtect(rtcp, 8, out _);
        }

        using var srtp = new SrtpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        using var srtcp = new SrtcpContext(SrtpVectorTests.MasterKey, SrtpVectorTests.MasterSalt);
        int accepted = 0;
        Run([rtp[..50], rtcp[..22]], input =>
        {
            accepted += srtp.TryUnprotect((byte[])input.Clone(), out _) ? 1 : 0;
            accepted += srtcp.TryUnprotect(input, out _) ? 1 : 0;
        });
        // Only an unmodified copy of a seed can pass (at most once each: then replay protection refuses it).
        Assert.InRange(accepted, 0, 2);
    }

    [Fact]
    public void Fuzz_RtpHeaderAndExtensions_NeverThrow()
    {
        byte[][] seeds =
        [
            Hex.Parse("90 60 00 01 00 00 00 02 00 00 00 03 BE DE 00 02 10 AA 00 33 01 02 03 04 FF"),
            Hex.Parse("A2 60 00 01 00 00 00 02 00 00 00 03 11 11 11 11 22 22 22 22 AA 02"),
        ];
        Run(seeds, input =>
        {
            if (RtpHeader.TryRead(input, out var header, out _))
            {
                header.TryGetPayload(input, out _);
                if (header.ExtensionProfile is { } profile)
                {
                    foreach (var unused in new RtpHeaderExtensionEnumerator(profile, input.AsSpan(header.ExtensionOffset, header.ExtensionLength)))
                    {
                    }
                }
            }
        });
    }

    [Fact]
    public void Fuzz_RtcpCompound_NeverThrows()
    {
        var compound = new byte[256];
        new SenderReport(1, 2, 3, 4, 5).TryWrite(compound, [new ReceptionReport(1, 2, 3, 4, 5, 6, 7)], out int n);
        GenericNack.TryWrite(compound.AsSpan(n), 1, 2, [1, 2, 40], out int m);
        ReceiverEstimatedMaxBitrate.TryWrite(compound.AsSpan(n + m), 1, 2, 1_000_000, out int r);
        FullIntraRequest.TryWrite(compound.AsSpan(n + m + r), 1, 2, 3, out int f);
        var seed = compound[..(n + m + r + f)];
        var lost = new ushort[256];
        Run([seed], input =>
        {
            foreach (var packet in new RtcpCompoundEnumerator(input))
            {
                var bytes = packet.Bytes;
                if (SenderReport.TryRead(bytes, out _, out int count))
                {
                    for (int i = 0; i < count; i++)
                    {
                        ReportBlocks.TryGet(bytes[SenderReport.BlocksOffset..], i, out _);
                    }
                }

                ReceiverReport.TryRead(bytes, out _, out _);
                Bye.TryRead(bytes, out _);
                if (GenericNack.TryRead(bytes, out _, out var fci))
                {
                    GenericNack.CopyLostSequences(fci, lost);
                }

                PictureLossIndication.TryRead(bytes, out _);
                FullIntraRequest.TryRead(bytes, out _, out _, out _);
                ReceiverEstimatedMaxBitrate.TryRead(bytes, out _, out _);
            }
        });
    }

    [Fact]
    public void Fuzz_Vp8Depacketizer_NeverThrows()
    {
        var packets = Vp8PayloadTests.Packetize(Vp8PayloadTests.KeyFrame(400), 1, 0);
        var depacketizer = new Vp8Depacketizer();
        var mutator = new Mutator(Seed);
        for (int i = 0; i < Iterations; i++)
        {
            var (header, payload) = packets[i % packets.Count];
            var mutated = mutator.Mutate(payload);
            depacketizer.TryPush(header with { SequenceNumber = (ushort)i }, mutated, out _);
        }

        Assert.True(depacketizer.Counters.MalformedPackets + depacketizer.Counters.DroppedFrames > 0);
    }

    [Fact]
    public void Fuzz_SdpOffer_NeverThrows()
    {
        var offer = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer-audio-video.sdp"));
        var random = new Random(Seed);
        for (int i = 0; i < 500; i++)
        {
            var chars = offer.ToCharArray();
            for (int e = 0; e < 1 + random.Next(20); e++)
            {
                chars[random.Next(chars.Length)] = " :=\r\n/0123456789avm"[random.Next(19)];
            }

            var text = new string(chars, 0, random.Next(chars.Length));
            if (VideoOffer.TryRead(text, out var parsed, out _))
            {
                SdpAnswerBuilder.Build(parsed, new AnswerParameters(IceCredentials.Generate(),
                    new PortraitStream.Server.WebRtc.Dtls.DtlsFingerprint("sha-256", new byte[32]), [new IPEndPoint(IPAddress.Loopback, 1)], 1, "c", 1));
            }
        }
    }
}
