using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Text;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Relief;
using PortraitStream.Server.Media.Audio;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Tests.Media.Codecs;
using PortraitStream.Server.Tests.WebRtc.Dtls;
using PortraitStream.Server.Tests.WebRtc.H264;
using PortraitStream.Server.Tests.WebRtc.Ice;
using PortraitStream.Server.Tests.WebRtc.Stun;
using PortraitStream.Server.Tests.WebRtc.Vp8;
using PortraitStream.Server.WebRtc.Demux;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.H264;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Srtp;
using PortraitStream.Server.WebRtc.Stun;
using PortraitStream.Server.WebRtc.Video;
using PortraitStream.Server.WebRtc.Vp8;

namespace PortraitStream.Server.Tests.WebRtc.Fuzz;

/// <summary>
/// Every parser that reads bytes from outside, as a <see cref="FuzzTarget"/> seeded with valid input of its own kind.
/// The hostile-input tests run each a few thousand times; <c>perf -- fuzz</c> runs <see cref="All"/> a million times each.
/// A target owns its layer's state (agent, contexts, depacketizer) across inputs, as a live session would.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>Every target, as factories: each run gets fresh state.</summary>
    public static IReadOnlyList<Func<FuzzTarget>> All { get; } =
        [StunAndIce, DtlsHandshake, DtlsConnected, Srtp, Srtcp, SrtpFromAuthenticatedPeer, SrtcpFromAuthenticatedPeer, RtpHeaderAndExtensions, RtcpCompound, OpusReceiveAndDelay, Vp8Depacketizer, H264Depacketizer, H264DepacketizerAndDecoder, SdpOffer, ModelJson];

    private const string IcePassword = "serverpassword0123456789";

    // Any key will do: sender and receiver only have to agree. Not the RFC 3711 vectors, which the SRTP tests own.
    private static readonly byte[] SrtpMasterKey = [.. Enumerable.Range(1, 16).Select(i => (byte)(i * 11))];
    private static readonly byte[] SrtpMasterSalt = [.. Enumerable.Range(1, 14).Select(i => (byte)(i * 7))];

    /// <summary>The RFC 7983 demux, then the ICE-lite agent: parsing, USERNAME, MESSAGE-INTEGRITY, FINGERPRINT.</summary>
    public static FuzzTarget StunAndIce()
    {
        var agent = new IceLiteAgent(new IceCredentials("srvU", IcePassword), TimeProvider.System);
        var from = new IPEndPoint(IPAddress.Loopback, 5000);
        var response = new byte[1500];
        byte[][] seeds = [Rfc5769Vectors.Request, Rfc5769Vectors.Ipv6Response, StunCheck.Build("srvU:x", IcePassword, true)];
        var mutating = FuzzTarget.Mutating(seeds);
        // Every other input has its FINGERPRINT recomputed: the agent checks the CRC first (RFC 8445 §7.3), and without
        // this nearly every mutation stops there and USERNAME and MESSAGE-INTEGRITY would never be parsed.
        return new FuzzTarget("STUN + ICE-lite agent", (mutator, i) => i % 2 == 0 ? ResealFingerprint(mutating(mutator, i)) : mutating(mutator, i), (input, index) =>
        {
            PacketClassifier.Classify(input);
            return agent.HandleStun(input, from, response, out _) != IceCheckOutcome.Dropped;
        }, () => new Dictionary<string, long>
        {
            ["malformed"] = agent.Counters.Malformed,
            ["unexpected type"] = agent.Counters.UnexpectedType,
            ["bad fingerprint"] = agent.Counters.BadFingerprint,
            ["bad username"] = agent.Counters.BadUsername,
            ["bad integrity"] = agent.Counters.BadIntegrity,
        });
    }

    /// <summary>Rewrites the CRC of a trailing FINGERPRINT attribute (RFC 8489 §14.7) over whatever precedes it.</summary>
    private static byte[] ResealFingerprint(byte[] message)
    {
        const int Attribute = 8; // type(2) length(2) CRC(4)
        if (message.Length >= StunConstants.HeaderLength + Attribute
            && BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(message.Length - Attribute)) == StunAttributeType.Fingerprint
            && BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(message.Length - Attribute + 2)) == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(message.Length - 4),
                Crc32.Compute(message.AsSpan(0, message.Length - Attribute)) ^ StunConstants.FingerprintXor);
        }
        return message;
    }

    /// <summary>
    /// Handshake parsing (OpenSSL behind our record framing): each input is a mutated datagram of a recorded handshake,
    /// delivered to a fresh endpoint of the role it was meant for. It may stay waiting or fail with a reason; nothing else.
    /// </summary>
    public static FuzzTarget DtlsHandshake()
    {
        var recorded = new DtlsLoopback();
        if (!recorded.Handshake())
        {
            recorded.Dispose();
            throw new InvalidOperationException("the reference DTLS handshake did not complete");
        }
        var log = recorded.Log.ToArray();
        long malformed = 0, failed = 0;
        return new FuzzTarget("DTLS handshake (fresh endpoint)", FuzzTarget.Mutating([.. log.Select(e => e.Datagram)]), (input, i) =>
        {
            var toServer = log[i % log.Length].From == DtlsRole.Client;
            using var endpoint = toServer
                ? recorded.ServerContext.CreateEndpoint(DtlsRole.Server, recorded.ClientContext.LocalFingerprint)
                : recorded.ClientContext.CreateEndpoint(DtlsRole.Client, recorded.ServerContext.LocalFingerprint);
            endpoint.Start();
            var state = endpoint.Receive(input);
            if (state is not (DtlsState.Handshaking or DtlsState.Failed or DtlsState.New) || (state == DtlsState.Failed && endpoint.FailureReason is null))
            {
                throw new InvalidOperationException($"invariant broken: one datagram left a new endpoint {state} (reason: {endpoint.FailureReason ?? "none"})");
            }
            malformed += endpoint.MalformedDatagrams;
            failed += state == DtlsState.Failed ? 1 : 0;
            return state != DtlsState.Failed && endpoint.MalformedDatagrams == 0;
        }, () => new Dictionary<string, long> { ["malformed datagrams"] = malformed, ["handshakes failed"] = failed }, recorded.Dispose);
    }

    /// <summary>
    /// The record layer of a connected association: mutated handshake datagrams, forged application data and plaintext
    /// alerts must be counted and dropped (RFC 6347 §4.1.2.7) while the association stays up.
    /// </summary>
    public static FuzzTarget DtlsConnected()
    {
        var loop = Connected();
        byte[][] seeds =
        [
            .. loop.Log.Select(e => e.Datagram),
            ForgedDtlsRecord.Make(23, 1, 64, seed: 1),  // application_data in the current epoch
            ForgedDtlsRecord.Make(21, 0, -1, seed: 2),  // a plaintext fatal alert
        ];
        return new FuzzTarget("DTLS records (connected)", FuzzTarget.Mutating(seeds), (input, index) =>
        {
            var server = loop.Server;
            long malformed = server.MalformedDatagrams, discarded = server.DiscardedRecords;
            var state = server.Receive(input);
            while (server.TryDequeueOutgoing(out _))
            {
            }
            if (state != DtlsState.Connected)
            {
                throw new InvalidOperationException($"invariant broken: a received datagram took a connected association to {state} (reason: {server.FailureReason ?? "none"})");
            }
            return server.MalformedDatagrams == malformed && server.DiscardedRecords == discarded;
        }, () => new Dictionary<string, long>
        {
            ["malformed datagrams"] = loop.Server.MalformedDatagrams,
            ["discarded records"] = loop.Server.DiscardedRecords,
        }, () => loop.Dispose());

        static DtlsLoopback Connected()
        {
            var loop = new DtlsLoopback();
            if (!loop.Handshake())
            {
                loop.Dispose();
                throw new InvalidOperationException("the reference DTLS handshake did not complete");
            }
            return loop;
        }
    }

    /// <summary>SRTP unprotect (RFC 3711 §3.3): only an unmodified copy of the seed may authenticate, and only once (replay).</summary>
    public static FuzzTarget Srtp()
    {
        var rtp = new byte[64];
        new RtpHeader(true, 96, 1, 2, 3).TryWrite(rtp);
        int length;
        using (var sender = new SrtpContext(SrtpMasterKey, SrtpMasterSalt))
        {
            sender.TryProtect(rtp, 40, out length);
        }
        var receiver = new SrtpContext(SrtpMasterKey, SrtpMasterSalt);
        return new FuzzTarget("SRTP unprotect", FuzzTarget.Mutating([rtp[..length]]),
            (input, index) => receiver.TryUnprotect(input, out _), dispose: receiver.Dispose);
    }

    /// <summary>SRTCP unprotect (RFC 3711 §3.4), as <see cref="Srtp"/>.</summary>
    public static FuzzTarget Srtcp()
    {
        var rtcp = new byte[64];
        new ReceiverReport(3).TryWrite(rtcp, [], out int plain);
        int length;
        using (var sender = new SrtcpContext(SrtpMasterKey, SrtpMasterSalt))
        {
            sender.TryProtect(rtcp, plain, out length);
        }
        var receiver = new SrtcpContext(SrtpMasterKey, SrtpMasterSalt);
        return new FuzzTarget("SRTCP unprotect", FuzzTarget.Mutating([rtcp[..length]]),
            (input, index) => receiver.TryUnprotect(input, out _), dispose: receiver.Dispose);
    }

    /// <summary>
    /// What a peer holding the session's keys may send (a browser is outside input too): mutated plain RTP, protected
    /// with the keys and then unprotected, so the parsing behind the authentication tag (header length, CSRCs,
    /// extensions, index estimation, replay window) is reached, which forged packets never get past.
    /// </summary>
    public static FuzzTarget SrtpFromAuthenticatedPeer()
    {
        var rtp = new byte[52];
        new RtpHeader(true, 96, 1, 2, 3).TryWrite(rtp);
        var sender = new SrtpContext(SrtpMasterKey, SrtpMasterSalt);
        var receiver = new SrtpContext(SrtpMasterKey, SrtpMasterSalt);
        return FromAuthenticatedPeer("SRTP unprotect (authenticated peer)", rtp, sender.TryProtect, receiver.TryUnprotect, () =>
        {
            sender.Dispose();
            receiver.Dispose();
        });
    }

    /// <summary>SRTCP from a peer holding the keys, as <see cref="SrtpFromAuthenticatedPeer"/>: a mutated plain compound.</summary>
    public static FuzzTarget SrtcpFromAuthenticatedPeer()
    {
        var rtcp = new byte[64];
        new ReceiverReport(3).TryWrite(rtcp, [], out int plain);
        var sender = new SrtcpContext(SrtpMasterKey, SrtpMasterSalt);
        var receiver = new SrtcpContext(SrtpMasterKey, SrtpMasterSalt);
        return FromAuthenticatedPeer("SRTCP unprotect (authenticated peer)", rtcp[..plain], sender.TryProtect, receiver.TryUnprotect, () =>
        {
            sender.Dispose();
            receiver.Dispose();
        });
    }

    private delegate bool Protect(Span<byte> buffer, int length, out int protectedLength);

    private delegate bool Unprotect(Span<byte> packet, out int plainLength);

    private static FuzzTarget FromAuthenticatedPeer(string parser, byte[] plain, Protect protect, Unprotect unprotect, Action dispose) =>
        new(parser, FuzzTarget.Mutating([plain]), (input, index) =>
        {
            // Room for the SRTCP index and either tag (RFC 3711 §3.4: 4 + 10 bytes).
            var buffer = new byte[input.Length + 32];
            input.CopyTo(buffer, 0);
            return protect(buffer, input.Length, out int length) && unprotect(buffer.AsSpan(0, length), out _);
        }, dispose: dispose);

    /// <summary>The RTP fixed header, CSRCs, payload bounds and RFC 8285 one- and two-byte header extensions.</summary>
    public static FuzzTarget RtpHeaderAndExtensions()
    {
        byte[][] seeds =
        [
            Hex.Parse("90 60 00 01 00 00 00 02 00 00 00 03 BE DE 00 02 10 AA 00 33 01 02 03 04 FF"),
            Hex.Parse("A2 60 00 01 00 00 00 02 00 00 00 03 11 11 11 11 22 22 22 22 AA 02"),
            Hex.Parse("90 60 00 01 00 00 00 02 00 00 00 03 10 00 00 02 01 02 AA BB 02 00 00 00 FF"),
        ];
        return new FuzzTarget("RTP header + extensions", FuzzTarget.Mutating(seeds), (input, index) =>
        {
            if (!RtpHeader.TryRead(input, out var header, out _) || !header.TryGetPayload(input, out _))
            {
                return false;
            }
            if (header.ExtensionProfile is { } profile)
            {
                foreach (var unused in new RtpHeaderExtensionEnumerator(profile, input.AsSpan(header.ExtensionOffset, header.ExtensionLength)))
                {
                }
            }
            return true;
        });
    }

    /// <summary>An RTCP compound (RFC 3550 §6.1) walked packet by packet through every reader the session uses.</summary>
    public static FuzzTarget RtcpCompound()
    {
        var compound = new byte[256];
        new SenderReport(1, 2, 3, 4, 5).TryWrite(compound, [new ReceptionReport(1, 2, 3, 4, 5, 6, 7)], out int n);
        GenericNack.TryWrite(compound.AsSpan(n), 1, 2, [1, 2, 40], out int m);
        ReceiverEstimatedMaxBitrate.TryWrite(compound.AsSpan(n + m), 1, 2, 1_000_000, out int r);
        FullIntraRequest.TryWrite(compound.AsSpan(n + m + r), 1, 2, 3, out int f);
        var seed = compound[..(n + m + r + f)];
        var lost = new ushort[256];
        return new FuzzTarget("RTCP compound", FuzzTarget.Mutating([seed]), (input, index) =>
        {
            var packets = 0;
            foreach (var packet in new RtcpCompoundEnumerator(input))
            {
                packets++;
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
            return packets > 0;
        });
    }

    /// <summary>
    /// The Opus receive path to the wire again: mutated RTP through the receiver's checks (payload type, SSRC, payload
    /// bounds), each packet taken placed by its unwrapped timestamp in the delay line and released, as a session does.
    /// </summary>
    public static FuzzTarget OpusReceiveAndDelay()
    {
        byte[][] seeds = [.. Enumerable.Range(0, 4).Select(i =>
        {
            var packet = new byte[RtpHeader.FixedLength + 60];
            new RtpHeader(i == 0, 111, (ushort)i, (uint)(i * 960), 0x5151).TryWrite(packet);
            return packet;
        })];
        var receiver = new OpusRtpReceiver(111, TimeProvider.System);
        var clock = new RtpTimestampUnwrapper();
        var line = new AudioDelayLine(64);
        return new FuzzTarget("Opus RTP receiver + delay line", FuzzTarget.Mutating(seeds), (input, index) =>
        {
            long before = receiver.Received;
            receiver.TryTake(input);
            while (receiver.Packets.TryRead(out var packet))
            {
                var captured = TimeSpan.FromSeconds(clock.Locate(packet.RtpTimestamp) / 48_000.0);
                line.Add(new ReceivedAudioPacket(packet.Payload, captured, (long)(captured.TotalSeconds * Stopwatch.Frequency), packet.Marker));
            }

            while (line.TryTakeDue(long.MaxValue / 2, TimeSpan.Zero, out var due, out _))
            {
                if (due.Payload.Length is 0 or > OpusRtpReceiver.MaxPayloadLength)
                {
                    throw new InvalidOperationException($"a {due.Payload.Length}-byte payload passed the checks");
                }
            }

            return receiver.Received > before;
        }, () => new Dictionary<string, long>
        {
            ["foreign ssrc"] = receiver.ForeignSsrc, ["oversized"] = receiver.Oversized, ["malformed"] = receiver.Malformed,
            ["late"] = line.Late, ["duplicates"] = line.Duplicates,
        });
    }

    /// <summary>
    /// The VP8 payload descriptor (RFC 7741 §4.2) and frame reassembly: mutated payloads of a packetized key frame,
    /// with their RTP headers and a running sequence number so reassembly really runs.
    /// </summary>
    public static FuzzTarget Vp8Depacketizer()
    {
        var packets = Vp8TestFrames.Packetize(Vp8TestFrames.KeyFrame(400), 1, 0);
        return DepacketizerTarget("VP8 payload descriptor + depacketizer", packets, new Vp8Depacketizer(), decoder: null);
    }

    /// <summary>RFC 6184 mode 1 depacketizer: single units, STAP-A and FU-A payloads of a synthetic access unit, mutated.</summary>
    public static FuzzTarget H264Depacketizer()
    {
        // Two access units, their own timestamps: SPS + PPS in a STAP-A then FU-As of an IDR slice; two single-unit packets.
        var packets = H264TestFrames.Packetize(H264TestFrames.KeyFrame(400), 1, 0)
            .Concat(H264TestFrames.Packetize(H264TestFrames.AccessUnit(H264TestFrames.Unit(H264TestFrames.NonIdrHeader, 60), H264TestFrames.Unit(H264TestFrames.NonIdrHeader, 70)), 1, 3000))
            .ToList();
        return DepacketizerTarget("H.264 depacketizer (RFC 6184 mode 1)", packets, new H264Depacketizer(), decoder: null);
    }

    /// <summary>
    /// The H.264 receive path to the picture: mutated RTP payloads of real OpenH264 access units through the depacketizer,
    /// and every access unit it completes through the OpenH264 decoder (Annex B parsing, SPS/PPS, slices).
    /// </summary>
    public static FuzzTarget H264DepacketizerAndDecoder()
    {
        return DepacketizerTarget("H.264 depacketizer + OpenH264 decoder", EncodedH264Packets(), new H264Depacketizer(),
            new H264Decoder(maxWidth: 640, maxHeight: 480));
    }

    /// <summary>
    /// Mutated payloads in the seeds' order, each under its seed's RTP header with consecutive sequence numbers (so frames
    /// complete); a completed frame goes through <paramref name="decoder"/> when there is one.
    /// </summary>
    private static FuzzTarget DepacketizerTarget(string name, List<(RtpHeader Header, byte[] Payload)> packets,
        IVideoDepacketizer depacketizer, H264Decoder? decoder) =>
        new(name, FuzzTarget.Mutating([.. packets.Select(p => p.Payload)]), (input, i) =>
        {
            var malformed = depacketizer.Counters.MalformedPackets;
            if (depacketizer.TryPush(packets[i % packets.Count].Header with { SequenceNumber = (ushort)i }, input, out var frame) && decoder is not null)
            {
                decoder.Decode(frame.Data.Span, out var picture);
                picture?.Dispose();
            }

            return depacketizer.Counters.MalformedPackets == malformed;
        }, () =>
        {
            var counters = new Dictionary<string, long>
            {
                ["frames"] = depacketizer.Counters.Frames,
                ["dropped frames"] = depacketizer.Counters.DroppedFrames,
                ["malformed packets"] = depacketizer.Counters.MalformedPackets,
            };
            if (decoder is not null)
            {
                counters["decoded"] = decoder.FramesDecoded;
                counters["decode failed"] = decoder.FramesFailed;
            }

            return counters;
        }, decoder is null ? null : decoder.Dispose);

    /// <summary>An IDR and two P frames of a small synthetic picture from OpenH264, packetized in 300-byte payloads.</summary>
    private static List<(RtpHeader Header, byte[] Payload)> EncodedH264Packets()
    {
        using var encoder = new H264Encoder(96, 64, 300);
        var packets = new List<(RtpHeader, byte[])>();
        var output = new ArrayBufferWriter<byte>();
        for (int i = 0; i < 3; i++)
        {
            using var source = SyntheticVideo.Frame(96, 64, i);
            output.Clear();
            encoder.TryEncode(source, i * 3000, output, out _);
            packets.AddRange(H264TestFrames.Packetize(output.WrittenSpan.ToArray(), 1, (uint)(i * 3000), budget: 300));
        }

        return packets;
    }

    /// <summary>A Chromium offer with SDP punctuation and digits sprinkled in; an accepted offer must also be answerable.</summary>
    public static FuzzTarget SdpOffer()
    {
        var offer = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer-audio-video.sdp"));
        var ours = new AnswerParameters(IceCredentials.Generate(), new DtlsFingerprint("sha-256", new byte[32]), [new IPEndPoint(IPAddress.Loopback, 1)], 1, "c", 1);
        var rejections = new Dictionary<string, long>();
        return new FuzzTarget("SDP offer", (mutator, _) => mutator.MutateText(offer, " :=\r\n/0123456789avm"), (input, index) =>
        {
            if (!VideoOffer.TryRead(Encoding.UTF8.GetString(input), out var parsed, out var rejection))
            {
                var key = rejection.Reason.ToString();
                rejections[key] = rejections.GetValueOrDefault(key) + 1;
                return false;
            }
            SdpAnswerBuilder.Build(parsed, ours);
            return true;
        }, () => rejections);
    }

    /// <summary>
    /// The bundle manifest (docs/model-bundle.md): byte mutations (mostly invalid JSON) and JSON-token edits (valid JSON
    /// with bad fields) of the built-in relief bundle's model.json. Refusal is a <see cref="ModelBundleException"/>
    /// with the reason; any other exception is a crash.
    /// </summary>
    public static FuzzTarget ModelJson()
    {
        var manifest = ReliefBundle.Default.Read(ModelManifest.FileName);
        return new FuzzTarget("model.json (bundle manifest)",
            (mutator, i) => i % 2 == 0 ? mutator.Mutate(manifest) : mutator.MutateText(manifest, "{}[]\":,.-+0123456789eE \ntrufalsn"),
            (input, index) =>
            {
                try
                {
                    ModelManifestReader.Read(input);
                    return true;
                }
                catch (ModelBundleException)
                {
                    return false;
                }
            });
    }
}
