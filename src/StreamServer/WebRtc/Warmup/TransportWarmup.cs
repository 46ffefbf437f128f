using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Stun;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Warmup;

/// <summary>
/// Pays the media edge's first-use costs before the first offer does (issue #14: the first session's answer took
/// 0.3–0.7 s longer than the next): JIT compilation of the SDP reader and answer builder, ICE-lite's STUN check with
/// its HMAC and CRC, OpenSSL's first DTLS handshake and SRTP key export, SRTP and SRTCP both ways, the packetizers,
/// depacketizers, NACK and reorder stages, Opus and the sender and receiver reports. It runs a whole call per codec in
/// memory, the server's side against a browser's built of the same layers (<see cref="WarmUpPeer"/>), with the server's
/// own DTLS context: no socket is opened and nothing reaches the network. Any step that fails throws, saying which.
/// </summary>
internal sealed class TransportWarmup(DtlsContext dtls, IOptions<WebRtcOptions> options, TimeProvider time)
{
    // RFC 5737 documentation addresses: labels on the memory wire, never sent to.
    private static readonly IPEndPoint BrowserAddress = new(IPAddress.Parse("192.0.2.1"), 9);
    private static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("192.0.2.2"), 9);

    /// <summary>A DTLS 1.2 handshake takes two round trips; more means it is stuck.</summary>
    private const int HandshakeRounds = 8;

    private const uint BrowserSsrc = 0x0B0B0B0B, ServerSsrc = 0x05E5E5E5;

    /// <summary>One 20 ms Opus frame of silence (RFC 6716 §3.1: TOC config 1, mono, one frame; no payload bytes needed for DTX).</summary>
    private static readonly byte[] OpusSilence = [0x08];

    public TransportWarmupResult Run()
    {
        long started = Stopwatch.GetTimestamp();
        int offers = 0, handshakes = 0, frames = 0, packets = 0;
        foreach (var codec in Enum.GetValues<VideoCodec>())
        {
            // A WHIP publisher only sends and a WHEP viewer only receives; a browser does both, in the call below.
            foreach (var direction in (MediaDirection[])[MediaDirection.SendOnly, MediaDirection.RecvOnly])
            {
                Answer(Read(codec, direction, IceCredentials.Generate()), IceCredentials.Generate());
                offers++;
            }

            var (keyFrames, opus) = Call(codec);
            offers++;
            handshakes++;
            frames += keyFrames;
            packets += opus;
        }

        return new TransportWarmupResult(offers, handshakes, frames, packets, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A browser's call preferring <paramref name="codec"/>: offer and answer, the ICE check, DTLS, then media and reports both ways.</summary>
    private (int KeyFrames, int OpusPackets) Call(VideoCodec codec)
    {
        var browserIce = IceCredentials.Generate();
        var offer = Read(codec, MediaDirection.SendRecv, browserIce);
        var ice = new IceLiteAgent(IceCredentials.Generate(), time);
        ice.SetRemoteUfrag(offer.IceUfrag);
        Answer(offer, ice.Local);
        Check(ice, browserIce);

        using var server = new WarmUpPeer(dtls, DtlsRole.Server, offer, ServerSsrc, BrowserAddress, options.Value, time);
        using var browser = new WarmUpPeer(dtls, DtlsRole.Client, offer, BrowserSsrc, ServerAddress, options.Value, time);
        Handshake(server, browser);

        var frame = WarmUpKeyFrame.For(codec);
        foreach (var (from, to) in new[] { (browser, server), (server, browser) })
        {
            from.Video.SendFrame(frame, rtpTimestamp: 3000);
            from.Audio!.TrySend(OpusSilence, rtpTimestamp: 960, marker: true, TimeSpan.Zero);
            from.DeliverTo(to);
        }

        // Reports after media, as the timer sends them: SR, then RR and the receivers' feedback.
        var rtcp = new byte[1200];
        foreach (var (from, to) in new[] { (server, browser), (browser, server) })
        {
            from.Transport.SendRtcp(rtcp.AsSpan(0, OutgoingRtcp.Write(rtcp, reportDue: true, from.Video, from.Audio, from.VideoIn, from.AudioIn)));
            from.DeliverTo(to);
        }

        int keyFrames = Received(server) + Received(browser);
        int opus = (int)(server.AudioIn!.Received + browser.AudioIn!.Received);
        foreach (var side in new[] { server, browser })
        {
            var c = side.Counters;
            if (c.Unprotectable + c.MalformedRtcp + c.UnknownProtocol + side.VideoIn.IgnoredPackets > 0 || side.Transport.SendFailures > 0)
            {
                throw new InvalidOperationException(
                    $"the warm-up's {VideoPayloadFormat.EncodingName(codec)} call dropped packets (unprotectable {c.Unprotectable}, malformed RTCP {c.MalformedRtcp}, ignored RTP {side.VideoIn.IgnoredPackets}, send failures {side.Transport.SendFailures})");
            }
        }

        if (keyFrames != 2 || opus != 2)
        {
            throw new InvalidOperationException($"the warm-up's {VideoPayloadFormat.EncodingName(codec)} call reassembled {keyFrames} of 2 key frames and {opus} of 2 Opus packets");
        }

        return (keyFrames, opus);
    }

    private VideoOffer Read(VideoCodec codec, MediaDirection direction, IceCredentials browser)
    {
        var sdp = WarmUpOffer.Compose(codec, direction, browser, dtls.LocalFingerprint, BrowserSsrc);
        return VideoOffer.TryRead(sdp, out var offer, out var rejection) && offer.Video.Codec == codec
            ? offer
            : throw new InvalidOperationException($"the warm-up's own {VideoPayloadFormat.EncodingName(codec)} offer was refused: {rejection?.Message ?? "another codec was chosen"}");
    }

    private void Answer(VideoOffer offer, IceCredentials ours)
    {
        var answer = SdpAnswerBuilder.Build(offer, new AnswerParameters(ours, dtls.LocalFingerprint, [ServerAddress], ServerSsrc, "portrait-warm-up", 1, ServerSsrc + 1));
        if (!SdpParser.TryParse(answer, out _, out var error))
        {
            throw new InvalidOperationException($"the warm-up's answer is not valid SDP: {error}");
        }
    }

    /// <summary>The browser's nominating check (RFC 8445 §7.2.2: USERNAME ours:theirs, keyed with our password), answered.</summary>
    private static void Check(IceLiteAgent ice, IceCredentials browser)
    {
        Span<byte> request = stackalloc byte[256];
        var writer = new StunWriter(request, StunMessageType.BindingRequest, RandomNumberGenerator.GetBytes(12));
        bool written = writer.TryAdd(StunAttributeType.Username, Encoding.UTF8.GetBytes($"{ice.Local.Ufrag}:{browser.Ufrag}"))
            && writer.TryAddUInt32(StunAttributeType.Priority, 0x6E0001FF)
            && writer.TryAddUInt64(StunAttributeType.IceControlling, 1)
            && writer.TryAdd(StunAttributeType.UseCandidate, [])
            && writer.TryAddMessageIntegrity(Encoding.UTF8.GetBytes(ice.Local.Password))
            && writer.TryAddFingerprint();
        Span<byte> response = stackalloc byte[256];
        if (!written || ice.HandleStun(writer.Written, BrowserAddress, response, out int length) != IceCheckOutcome.AnsweredAndNominated
            || !StunMessage.TryRead(response[..length], out _, out _))
        {
            throw new InvalidOperationException("the warm-up's ICE check was not answered and nominated");
        }
    }

    /// <summary>Both endpoints' flights back and forth until each is connected with SRTP keys (RFC 5764 §4.2).</summary>
    private static void Handshake(WarmUpPeer server, WarmUpPeer browser)
    {
        server.Dtls.Start();
        browser.Dtls.Start();
        for (int round = 0; round < HandshakeRounds && (server.Dtls.State != DtlsState.Connected || browser.Dtls.State != DtlsState.Connected); round++)
        {
            browser.FlushDtls();
            browser.DeliverTo(server);
            server.FlushDtls();
            server.DeliverTo(browser);
        }

        if (server.Dtls.State != DtlsState.Connected || browser.Dtls.State != DtlsState.Connected)
        {
            throw new InvalidOperationException($"the warm-up's DTLS handshake ended {server.Dtls.State}/{browser.Dtls.State}: {server.Dtls.FailureReason ?? browser.Dtls.FailureReason}");
        }

        server.Secure();
        browser.Secure();
    }

    private static int Received(WarmUpPeer side)
    {
        int count = 0;
        while (side.VideoIn.Frames.TryRead(out var frame))
        {
            count += frame.IsKeyFrame ? 1 : 0;
            frame.Dispose();
        }

        return count;
    }
}
