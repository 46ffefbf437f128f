using System.Net;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.Tests.WebRtc.Sdp;

/// <summary>
/// The Opus m-line beside the video (RFC 7587, bundled per RFC 8843) in the browsers' captured offers and edits of them:
/// answered sendrecv to a browser and recvonly to a publisher, in either order with the video; refused with port 0 when
/// we cannot take it, the video answered all the same.
/// </summary>
public class AudioOfferTests
{
    private const uint AudioSsrc = 0x0BADCAFE;

    private static readonly AnswerParameters Ours = new(
        new IceCredentials("srvU", "serverpassword0123456789"),
        new DtlsFingerprint("sha-256", new byte[32]),
        [new IPEndPoint(IPAddress.Loopback, 40000)],
        0x1234ABCD,
        "portrait",
        42,
        AudioSsrc);

    internal static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", name));

    internal static (VideoOffer Offer, SdpDocument Answer, string[] Lines) Answer(string sdp)
    {
        Assert.True(VideoOffer.TryRead(sdp, out var offer, out var rejection), rejection?.Message);
        var answer = SdpAnswerBuilder.Build(offer, Ours);
        Assert.True(SdpParser.TryParse(answer, out var parsed, out var error), error);
        return (offer, parsed, answer.Split("\r\n"));
    }

    /// <summary>The offer with its m-sections in the other order (the session part first, then video before audio).</summary>
    private static string VideoFirst(string sdp)
    {
        var parts = sdp.Split("m=");
        Assert.Equal(3, parts.Length);
        return parts[0] + "m=" + parts[2] + "m=" + parts[1];
    }

    [Theory]
    [InlineData("chromium-offer-audio-video.sdp", 111)]
    [InlineData("firefox-offer-audio-video.sdp", 109)]
    public void Rfc7587_BrowserOffer_OpusAnsweredSendRecvAndBundled(string file, int opus)
    {
        var (offer, answer, lines) = Answer(Data(file));
        Assert.Equal((byte)opus, offer.Audio?.PayloadType);
        Assert.Equal(["audio", "video"], answer.Media.Select(m => m.Kind));
        Assert.All(answer.Media, m => Assert.Equal(40000, m.Port));
        string[] required =
        [
            "a=group:BUNDLE 0 1", $"m=audio 40000 UDP/TLS/RTP/SAVPF {opus}", $"a=rtpmap:{opus} opus/48000/2",
            $"a=fmtp:{opus} minptime=10;useinbandfec=1", $"a=ssrc:{AudioSsrc} cname:portrait",
            $"a=ssrc:{AudioSsrc} msid:portrait portrait-audio", "a=msid:portrait portrait-audio", "a=msid:portrait portrait-video",
        ];
        foreach (var line in required)
        {
            Assert.Contains(line, lines);
        }

        Assert.Equal("sendrecv", answer.Media[0].Lines.Single(l => l.Value is "sendrecv" or "recvonly" or "sendonly").Value);
        // Only Opus: no telephone-event, G.711 or CN is answered, so the browser sends nothing else on the audio.
        Assert.Single(answer.Media[0].Attributes("rtpmap"));
    }

    [Fact]
    public void Rfc8843_VideoBeforeAudio_BothAnsweredInTheOffersOrder()
    {
        var (offer, answer, lines) = Answer(VideoFirst(Data("chromium-offer-audio-video.sdp")));
        Assert.Equal(["video", "audio"], answer.Media.Select(m => m.Kind));
        Assert.Equal(1, offer.Audio?.SectionIndex);
        Assert.Contains("a=group:BUNDLE 1 0", lines);
        Assert.Equal(["1", "0"], answer.Media.Select(m => m.Attribute("mid")));
    }

    [Fact]
    public void Rfc3264_Section6_NoOpus_AudioRefusedWithPortZero_VideoBundledAlone()
    {
        var (offer, answer, lines) = Answer(Data("chromium-offer-audio-video.sdp").Replace("opus/48000/2", "x-unknown/48000/2", StringComparison.Ordinal));
        Assert.Null(offer.Audio);
        Assert.Equal(0, answer.Media[0].Port);
        Assert.Equal(40000, answer.Media[1].Port);
        // RFC 8843 §7.3.3: the refused audio leaves the bundle.
        Assert.Contains("a=group:BUNDLE 1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("opus", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Rfc9725_PublisherOffer_SendOnlyAudio_AnsweredRecvOnlyWithoutOurSource()
    {
        var sdp = Data("firefox-offer-audio-video.sdp").Replace("a=sendrecv", "a=sendonly", StringComparison.Ordinal);
        var (offer, answer, lines) = Answer(sdp);
        Assert.Equal(MediaDirection.SendOnly, offer.Audio?.Direction);
        Assert.All(answer.Media, m => Assert.True(m.HasAttribute("recvonly")));
        Assert.DoesNotContain(lines, l => l.StartsWith("a=ssrc:", StringComparison.Ordinal) || l.StartsWith("a=msid:", StringComparison.Ordinal));
    }

    [Theory]
    // Not in the video's bundle: we have one port, so it could only be refused.
    [InlineData("a=group:BUNDLE 0 1", "a=group:BUNDLE 1")]
    // On the video's payload type: bundled packets could not be told apart (RFC 8843 §9.2).
    [InlineData("a=rtpmap:111 opus/48000/2", "a=rtpmap:96 opus/48000/2\r\na=rtpmap:111 x-opus/48000/2")]
    // A refused (port 0) audio section stays refused.
    [InlineData("m=audio 9 ", "m=audio 0 ")]
    public void Rfc8843_AudioWeCannotBundle_Refused_VideoStillAnswered(string find, string replace)
    {
        var edited = Data("chromium-offer-audio-video.sdp").Replace(find, replace, StringComparison.Ordinal);
        var (offer, answer, _) = Answer(edited.Replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 ", "m=audio 9 UDP/TLS/RTP/SAVPF 96 111 ", StringComparison.Ordinal));
        Assert.Null(offer.Audio);
        Assert.Equal(0, answer.Media[0].Port);
        Assert.NotEqual(0, answer.Media[1].Port);
    }
}
