using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Tests.WebRtc.Sdp;

/// <summary>
/// Offers captured from GStreamer 1.22's webrtcbin (tools/whip-publish.py, sendonly H.264 or VP8 and Opus), the WHIP
/// publisher the interop tests run. Regressions for the two ways our answers failed it: its audio m-section, offered
/// bundle-only with port 0 (RFC 8843 §6), was refused; and webrtcbin refuses an answer in which any m-section, a
/// refused one too, has no fingerprint ("No fingerprint lines in sdp for media 1").
/// </summary>
public class GStreamerOfferTests
{
    private const string H264Offer = "gstreamer-offer-h264-opus.sdp";
    private const string Vp8Offer = "gstreamer-offer-vp8-opus.sdp";

    [Theory]
    [InlineData(H264Offer, VideoCodec.H264, 102)]
    [InlineData(Vp8Offer, VideoCodec.Vp8, 96)]
    public void Rfc8843_Section6_BundleOnlyOpus_TakenAndBundledWithTheVideo(string file, VideoCodec codec, int videoPayloadType)
    {
        var (offer, answer, lines) = AudioOfferTests.Answer(AudioOfferTests.Data(file));
        Assert.Equal(codec, offer.Video.Codec);
        Assert.Equal((byte)videoPayloadType, offer.Video.PayloadType);
        Assert.Equal((byte)111, offer.Audio?.PayloadType);
        Assert.Equal(MediaDirection.SendOnly, offer.Audio?.Direction);
        Assert.Contains("a=group:BUNDLE video0 audio1", lines);
        Assert.All(answer.Media, m => Assert.Equal(40000, m.Port));
        Assert.All(answer.Media, m => Assert.True(m.HasAttribute("recvonly")));
    }

    [Fact]
    public void Rfc8843_Section6_BundleOnlyVideo_AfterTheAudio_Taken()
    {
        // webrtcbin with its audio pad linked first: the audio carries the port, the video is bundle-only.
        var edited = AudioOfferTests.Data(H264Offer)
            .Replace("m=video 9 ", "m=video 0 ", StringComparison.Ordinal)
            .Replace("a=mid:video0\r\n", "a=mid:video0\r\na=bundle-only\r\n", StringComparison.Ordinal)
            .Replace("m=audio 0 ", "m=audio 9 ", StringComparison.Ordinal)
            .Replace("a=bundle-only\r\na=rtcp-mux\r\n", "a=rtcp-mux\r\n", StringComparison.Ordinal);
        var (offer, _, _) = AudioOfferTests.Answer(edited);
        Assert.Equal(VideoCodec.H264, offer.Video.Codec);
        Assert.NotNull(offer.Audio);
    }

    [Theory]
    // Bundle-only outside any BUNDLE group: "use it only if bundled" (RFC 8843 §6), so it stays refused.
    [InlineData(H264Offer, "a=group:BUNDLE video0 audio1", "a=group:BUNDLE video0")]
    // Audio in a codec we do not take.
    [InlineData(Vp8Offer, "OPUS/48000/2", "x-unknown/48000/2")]
    public void Rfc8122_Section5_RefusedAudio_AnsweredWithPortZero_CoveredByTheSessionFingerprint(string file, string find, string replace)
    {
        var (offer, answer, lines) = AudioOfferTests.Answer(AudioOfferTests.Data(file).Replace(find, replace, StringComparison.Ordinal));
        Assert.Null(offer.Audio);
        Assert.Equal(0, answer.Media[1].Port);
        Assert.Single(lines.TakeWhile(l => !l.StartsWith("m=", StringComparison.Ordinal)), l => l.StartsWith("a=fingerprint:sha-256 ", StringComparison.Ordinal));
    }
}
