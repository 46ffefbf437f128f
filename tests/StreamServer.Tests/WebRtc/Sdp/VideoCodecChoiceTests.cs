using System.Net;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Tests.WebRtc.Sdp;

/// <summary>
/// The codec chosen per peer from the offer (RFC 3264 §5.1: the offerer's order is its preference) and how the answer
/// states it (RFC 6184 §8), on the captured Chromium offer with its m= line reordered as setCodecPreferences would.
/// </summary>
public sealed class VideoCodecChoiceTests
{
    private static readonly AnswerParameters Ours = new(
        new IceCredentials("srvU", "serverpassword0123456789"),
        new DtlsFingerprint("sha-256", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray().AsSpan()),
        [new IPEndPoint(IPAddress.Loopback, 40000)], 0x1234ABCD, "portrait", 42);

    private const string ChromiumVideoLine = "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120";

    private static string ChromiumOffer(string formats) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"))
            .Replace(ChromiumVideoLine, "m=video 9 UDP/TLS/RTP/SAVPF " + formats, StringComparison.Ordinal);

    private static VideoOffer Read(string sdp)
    {
        Assert.True(VideoOffer.TryRead(sdp, out var offer, out var rejection), rejection?.Message);
        return offer;
    }

    [Theory]
    [InlineData("96 97 102 103", VideoCodec.Vp8, 96, null)]
    [InlineData("102 103 96 97", VideoCodec.H264, 102, "42001f")]
    // Packetization mode 0 (104) cannot carry FU-A: skipped for the next mode-1 H.264.
    [InlineData("104 107 108 109 96", VideoCodec.H264, 108, "42e01f")]
    [InlineData("116 96", VideoCodec.H264, 116, "4d001f")]
    // Only mode 0 besides formats we do not speak (VP9, AV1): nothing to choose.
    [InlineData("97 104 98 45 96", VideoCodec.Vp8, 96, null)]
    public void Rfc3264_S5_1_FirstOfferedFormatWeSpeak_Chosen(string formats, VideoCodec codec, int payloadType, string? profile)
    {
        var offer = Read(ChromiumOffer(formats));

        Assert.Equal(new VideoCodecChoice(codec, (byte)payloadType, profile), offer.Video);
    }

    [Fact]
    public void Rfc6184_S8_H264Answer_ModeOneLevelAsymmetryAndTheOfferedProfile()
    {
        var offer = Read(ChromiumOffer("108 109 96 97"));
        var lines = SdpAnswerBuilder.Build(offer, Ours).Split("\r\n");

        Assert.Contains("m=video 40000 UDP/TLS/RTP/SAVPF 108", lines);
        Assert.Contains("a=rtpmap:108 H264/90000", lines);
        Assert.Contains("a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", lines);
        Assert.Contains("a=rtcp-fb:108 nack pli", lines);
        Assert.DoesNotContain(lines, l => l.Contains("VP8", StringComparison.Ordinal));
    }

    /// <summary>OBS signals 42e01f whatever it sends, and other senders send other profiles: every profile is taken.</summary>
    [Theory]
    [InlineData("profile-level-id=640032;packetization-mode=1", "640032")]
    [InlineData("packetization-mode=1; profile-level-id=42E01F", "42e01f")]
    [InlineData("packetization-mode=1", null)]
    [InlineData("packetization-mode=1;profile-level-id=42zz1f", null)] // not hex: not copied into our answer
    public void Rfc6184_S8_1_AnyProfileAccepted_AnswerEchoesItOrOurDefault(string fmtp, string? profile)
    {
        var sdp = ChromiumOffer("102 96").Replace(
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f", "a=fmtp:102 " + fmtp, StringComparison.Ordinal);
        var offer = Read(sdp);

        Assert.Equal(new VideoCodecChoice(VideoCodec.H264, 102, profile), offer.Video);
        Assert.Contains($"a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id={profile ?? VideoCodecChoice.DefaultProfileLevelId}",
            SdpAnswerBuilder.Build(offer, Ours).Split("\r\n"));
    }

    [Theory]
    [InlineData("104 114 39")] // H.264 in packetization mode 0 only
    [InlineData("98 100 45")]  // VP9 and AV1 only
    public void OfferWithoutACodecWeSpeak_RejectedNamingBoth(string formats)
    {
        Assert.False(VideoOffer.TryRead(ChromiumOffer(formats), out _, out var rejection));
        Assert.Equal(OfferRejectionReason.NoSupportedCodec, rejection.Reason);
        Assert.Contains("VP8", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("H264", rejection.Message, StringComparison.Ordinal);
    }
}
