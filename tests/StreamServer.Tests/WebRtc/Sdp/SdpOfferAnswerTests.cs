using System.Net;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.Tests.WebRtc.Sdp;

/// <summary>
/// Offers captured from Debian's Chromium 156 and firefox-esr 153 (headless, RTCPeerConnection with a sendrecv video
/// transceiver, and variants with audio), committed under tests/data.
/// </summary>
public class SdpOfferAnswerTests
{
    private static readonly AnswerParameters Ours = new(
        new IceCredentials("srvU", "serverpassword0123456789"),
        new DtlsFingerprint("sha-256", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray().AsSpan()),
        [new IPEndPoint(IPAddress.Loopback, 40000), new IPEndPoint(IPAddress.Parse("192.168.1.5"), 40000)],
        0x1234ABCD,
        "portrait",
        42);

    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", name));

    /// <summary>
    /// Firefox writes the DTLS fingerprint at session level (Chromium: per m-line), and the browsers number VP8 and
    /// abs-send-time differently; Firefox also offers RTX, VP9, AV1, RED and ULPFEC beside VP8.
    /// </summary>
    [Theory]
    [InlineData("chromium-offer.sdp", 96, "iis6", "SxTcG0vBQzaJpd29B6r/o9Fb", 0x4E, 2)]
    [InlineData("firefox-offer.sdp", 120, "ae50d97e", "99eb7a8f29c56d9001b117c1c20f8e62", 0x76, 4)]
    public void Rfc8829_BrowserOffer_VideoVp8Extracted(string file, int payloadType, string ufrag, string password, int firstDigestByte, int absSendTimeId)
    {
        Assert.True(VideoOffer.TryRead(Data(file), out var offer, out _));
        Assert.Equal(payloadType, offer.Video.PayloadType);
        Assert.Equal("0", offer.Mid);
        Assert.Equal(ufrag, offer.IceUfrag);
        Assert.Equal(password, offer.IcePassword);
        Assert.Equal("sha-256", offer.Fingerprint.Algorithm);
        Assert.Equal(firstDigestByte, offer.Fingerprint.Digest[0]);
        Assert.True(offer.ReducedSizeRtcp);
        Assert.Equal((byte)absSendTimeId, offer.AbsSendTime?.Id);
    }

    [Fact]
    public void Rfc8829_AnswerToChromiumOffer_HasEveryRequiredLine()
    {
        Assert.True(VideoOffer.TryRead(Data("chromium-offer.sdp"), out var offer, out _));
        var answer = SdpAnswerBuilder.Build(offer, Ours);
        string[] required =
        [
            "a=group:BUNDLE 0", "a=ice-lite", "m=video 40000 UDP/TLS/RTP/SAVPF 96", "a=mid:0",
            "a=ice-ufrag:srvU", "a=ice-pwd:serverpassword0123456789", "a=setup:passive", "a=sendrecv", "a=rtcp-mux",
            "a=fingerprint:sha-256 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F",
            "a=rtpmap:96 VP8/90000", "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 ccm fir", "a=rtcp-fb:96 goog-remb",
            "a=ssrc:305441741 cname:portrait",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
            "a=candidate:2 1 udp 2130706175 192.168.1.5 40000 typ host",
        ];
        var lines = answer.Split("\r\n");
        foreach (var line in required)
        {
            Assert.Contains(line, lines);
        }

        // The answer parses back as SDP with exactly one m-line.
        Assert.True(SdpParser.TryParse(answer, out var parsed, out _));
        Assert.Single(parsed.Media);
    }

    [Fact]
    public void Rfc8829_AnswerToFirefoxOffer_OnlyVp8_NoRtxOrFec()
    {
        Assert.True(VideoOffer.TryRead(Data("firefox-offer.sdp"), out var offer, out _));
        var answer = SdpAnswerBuilder.Build(offer, Ours);
        var lines = answer.Split("\r\n");
        string[] required =
        [
            "a=group:BUNDLE 0", "a=ice-lite", "m=video 40000 UDP/TLS/RTP/SAVPF 120", "a=mid:0", "a=setup:passive",
            "a=rtpmap:120 VP8/90000", "a=extmap:4 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=rtcp-fb:120 nack", "a=rtcp-fb:120 nack pli", "a=rtcp-fb:120 ccm fir", "a=rtcp-fb:120 goog-remb", "a=rtcp-rsize",
        ];
        foreach (var line in required)
        {
            Assert.Contains(line, lines);
        }

        // RTX and FEC are not answered, so Firefox retransmits on the media SSRC and sends no RED/ULPFEC wrapping.
        Assert.Single(lines, l => l.StartsWith("a=rtpmap:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("a=ssrc-group:", StringComparison.Ordinal) || l.Contains("transport-cc", StringComparison.Ordinal));
    }

    /// <summary>
    /// Both browsers offer playout-delay on video: Chromium sendrecv (id 5), Firefox recvonly (id 6, it only reads it), so
    /// the answer echoes the offer's id, with sendonly for Firefox (RFC 8285 §6).
    /// </summary>
    [Theory]
    [InlineData("chromium-offer.sdp", "a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", 5)]
    [InlineData("chromium-offer-audio-video.sdp", "a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", 5)]
    [InlineData("firefox-offer.sdp", "a=extmap:6/sendonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", 6)]
    [InlineData("firefox-offer-audio-video.sdp", "a=extmap:6/sendonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", 6)]
    public void Rfc8285_PlayoutDelayOffered_AnswerEchoesItsId(string file, string expected, int id)
    {
        Assert.True(VideoOffer.TryRead(Data(file), out var offer, out _));
        Assert.Equal((byte)id, offer.PlayoutDelay?.Id);
        var lines = SdpAnswerBuilder.Build(offer, Ours).Split("\r\n");
        Assert.Single(lines, l => l.Contains("playout-delay", StringComparison.Ordinal));
        Assert.Contains(expected, lines);
    }

    /// <summary>
    /// An offer without playout-delay, or with an extmap for it we cannot send by (malformed, out of the one-byte ids,
    /// an offerer that will not read it, an id already taken by abs-send-time), is answered as before: the extension is
    /// left out, the offer itself taken.
    /// </summary>
    [Theory]
    [InlineData("a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay\r\n", "")]
    [InlineData("a=extmap:5 http", "a=extmap:x http")]
    [InlineData("a=extmap:5 http", "a=extmap:15 http")]
    [InlineData("a=extmap:5 http", "a=extmap:0 http")]
    [InlineData("a=extmap:5 http", "a=extmap:-5 http")]
    [InlineData("a=extmap:5 http", "a=extmap:5/bogus http")]
    [InlineData("a=extmap:5 http", "a=extmap:5/ http")]
    [InlineData("a=extmap:5 http", "a=extmap:5/recvonly/sendonly http")]
    [InlineData("a=extmap:5 http", "a=extmap:5/sendonly http")]
    [InlineData("a=extmap:5 http", "a=extmap:5/inactive http")]
    [InlineData("a=extmap:5 http", "a=extmap:2 http")]
    [InlineData("a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", "a=extmap:5")]
    [InlineData("a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", "a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay-x")]
    public void Rfc8285_PlayoutDelayNotUsable_LeftOutOfTheAnswer(string find, string replace)
    {
        var sdp = Data("chromium-offer.sdp").Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Data("chromium-offer.sdp"), sdp);
        Assert.True(VideoOffer.TryRead(sdp, out var offer, out var rejection), rejection?.Message);
        Assert.Null(offer.PlayoutDelay);
        Assert.Equal((byte)2, offer.AbsSendTime?.Id);
        var answer = SdpAnswerBuilder.Build(offer, Ours);
        Assert.DoesNotContain("playout-delay", answer, StringComparison.Ordinal);
        Assert.Contains("a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chromium-offer-audio-only.sdp", OfferRejectionReason.NoVideo)]
    [InlineData("", OfferRejectionReason.Malformed)]
    [InlineData("hello world", OfferRejectionReason.Malformed)]
    public void Rfc8829_UnanswerableOffers_RejectedWithReason(string offerOrFile, OfferRejectionReason reason)
    {
        var sdp = offerOrFile.EndsWith(".sdp", StringComparison.Ordinal) ? Data(offerOrFile) : offerOrFile;
        Assert.False(VideoOffer.TryRead(sdp, out _, out var rejection));
        Assert.Equal(reason, rejection.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
    }

    [Theory]
    [InlineData("chromium-offer.sdp", "a=ice-ufrag:iis6", "a=x-removed", OfferRejectionReason.MissingIceCredentials)]
    [InlineData("chromium-offer.sdp", "a=fingerprint:sha-256", "a=fingerprint:sha-1 ", OfferRejectionReason.MissingFingerprint)]
    [InlineData("chromium-offer.sdp", "a=setup:actpass", "a=setup:passive", OfferRejectionReason.UnsupportedSetup)]
    [InlineData("chromium-offer.sdp", "a=rtcp-mux\r\n", "", OfferRejectionReason.NoRtcpMux)]
    [InlineData("firefox-offer.sdp", "a=rtpmap:120 VP8/90000", "a=rtpmap:120 H264/90000", OfferRejectionReason.NoSupportedCodec)]
    [InlineData("firefox-offer.sdp", "a=fingerprint:sha-256", "a=fingerprint:sha-1 ", OfferRejectionReason.MissingFingerprint)]
    [InlineData("firefox-offer.sdp", "a=setup:actpass", "a=setup:passive", OfferRejectionReason.UnsupportedSetup)]
    [InlineData("firefox-offer.sdp", "a=ice-ufrag:ae50d97e", "a=x-removed", OfferRejectionReason.MissingIceCredentials)]
    [InlineData("firefox-offer.sdp", "a=rtcp-mux\r\n", "", OfferRejectionReason.NoRtcpMux)]
    public void Rfc8829_EditedOffer_RejectedWithReason(string file, string find, string replace, OfferRejectionReason reason)
    {
        var sdp = Data(file).Replace(find, replace, StringComparison.Ordinal);
        Assert.False(VideoOffer.TryRead(sdp, out _, out var rejection));
        Assert.Equal(reason, rejection.Reason);
    }

    [Fact]
    public void Rfc8866_Section5_OversizedOffer_Rejected()
    {
        var sdp = "v=0\r\n" + string.Concat(Enumerable.Repeat("a=x\r\n", SdpParser.MaxLength));
        Assert.False(VideoOffer.TryRead(sdp, out _, out var rejection));
        Assert.Equal(OfferRejectionReason.Malformed, rejection.Reason);
    }
}
