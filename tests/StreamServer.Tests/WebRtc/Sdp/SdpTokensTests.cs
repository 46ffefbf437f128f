using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.Tests.WebRtc.Sdp;

/// <summary>
/// Regression for issue #17 finding 6: an offer with <c>a=mid:0 x</c> was answered with <c>a=group:BUNDLE 0 x</c>.
/// Identifiers the answer copies (mid, rid) and the ICE credentials are checked against their grammars.
/// </summary>
public sealed class SdpTokensTests
{
    private static string Offer() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));

    [Theory]
    [InlineData("a=mid:0", "a=mid:0 x")]
    [InlineData("a=mid:0", "a=mid:")]
    [InlineData("a=mid:0", "a=mid:0\"x")]
    [InlineData("a=ice-ufrag:iis6", "a=ice-ufrag:ab")]
    [InlineData("a=ice-ufrag:iis6", "a=ice-ufrag:ii s6")]
    [InlineData("a=ice-ufrag:iis6", "a=ice-ufrag:iis6;x")]
    [InlineData("a=ice-pwd:SxTcG0vBQzaJpd29B6r/o9Fb", "a=ice-pwd:short")]
    [InlineData("a=ice-pwd:SxTcG0vBQzaJpd29B6r/o9Fb", "a=ice-pwd:SxTcG0vBQzaJpd29B6r/o9Fb=")]
    public void Rfc5888_Rfc8839_BadIdentifier_RejectedNotEchoed(string good, string bad)
    {
        var sdp = Offer();
        Assert.Contains(good, sdp, StringComparison.Ordinal);

        Assert.False(VideoOffer.TryRead(sdp.Replace(good, bad, StringComparison.Ordinal), out _, out var rejection));

        Assert.Equal(OfferRejectionReason.InvalidIdentifier, rejection.Reason);
    }

    [Fact]
    public void Rfc8851_BadRid_Rejected()
    {
        var sdp = Offer().Replace("a=mid:0\r\n", "a=mid:0\r\na=rid:hi;gh send\r\n", StringComparison.Ordinal);
        Assert.False(VideoOffer.TryRead(sdp, out _, out var rejection));
        Assert.Equal(OfferRejectionReason.InvalidIdentifier, rejection.Reason);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("sdparta_0", true)]
    [InlineData("{a1b2}", true)]
    [InlineData("0 x", false)]
    [InlineData("", false)]
    [InlineData("a:b", false)]
    public void Rfc5888_Mid_IsAToken(string mid, bool valid) => Assert.Equal(valid, SdpTokens.IsMid(mid));

    [Theory]
    [InlineData("hi", true)]
    [InlineData("q-1_x", true)]
    [InlineData("h.i", false)]
    public void Rfc8851_RidId(string rid, bool valid) => Assert.Equal(valid, SdpTokens.IsRid(rid));
}
