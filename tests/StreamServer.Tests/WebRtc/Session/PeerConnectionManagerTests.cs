using PortraitStream.Server.Tests.EndToEnd;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Tests.WebRtc.Session;

[Collection(nameof(NativeHandleCounting))]
public sealed class PeerConnectionManagerTests
{
    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", name));

    [Fact]
    public async Task Rfc8829_AudioOnlyOffer_RejectedWithTypedReason_NoSessionOpened()
    {
        await using var server = await TestServer.StartEchoAsync();
        var error = await Assert.ThrowsAsync<OfferRejectedException>(() => server.Sessions.OpenAsync("c1", Data("chromium-offer-audio-only.sdp")));
        Assert.Equal(OfferRejectionReason.NoVideo, error.Rejection.Reason);
        Assert.Equal(0, server.Sessions.Count);
    }

    [Fact]
    public async Task Session_SecondOfferFromSameConnection_ReplacesTheFirst()
    {
        await using var server = await TestServer.StartEchoAsync();
        var first = await server.Sessions.OpenAsync("c1", Data("chromium-offer.sdp"));
        var second = await server.Sessions.OpenAsync("c1", Data("chromium-offer.sdp"));
        Assert.NotEqual(first, second);
        Assert.Equal(1, server.Sessions.Count);
        await server.Sessions.CloseAsync("c1");
        Assert.Equal(0, server.Sessions.Count);
    }
}
