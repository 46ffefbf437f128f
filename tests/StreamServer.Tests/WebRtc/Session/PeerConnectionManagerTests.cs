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
        var error = await Assert.ThrowsAsync<OfferRejectedException>(() => server.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer-audio-only.sdp")));
        Assert.Equal(OfferRejectionReason.NoVideo, error.Rejection.Reason);
        Assert.Equal(0, server.Sessions.Count);
    }

    [Fact]
    public async Task Session_SecondOfferFromSameConnection_ReplacesTheFirst()
    {
        await using var server = await TestServer.StartEchoAsync();
        var first = await server.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer.sdp"));
        var second = await server.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer.sdp"));
        Assert.NotEqual(first, second);
        Assert.Equal(1, server.Sessions.Count);
        await server.Sessions.CloseAsync("c1");
        Assert.Equal(0, server.Sessions.Count);
    }

    /// <summary>
    /// Regression for issue #17 finding 3: one client (one remote address) could open every session. Now it gets
    /// WebRtc:MaxSessionsPerClient, and a slot it frees while another client waits goes to that client.
    /// </summary>
    [Fact]
    public async Task OneClient_CannotHoldEverySession_NorRefillAFreedSlotAheadOfAWaitingClient()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--WebRtc:MaxSessions=3", "--WebRtc:MaxSessionsPerClient=2");
        var offer = Data("chromium-offer.sdp");
        await server.Sessions.OpenAsync("a1", "ip:10.0.0.1", offer);
        await server.Sessions.OpenAsync("a2", "ip:10.0.0.1", offer);
        var quota = await Assert.ThrowsAsync<InvalidOperationException>(() => server.Sessions.OpenAsync("a3", "ip:10.0.0.1", offer));
        Assert.Contains("limit per client", quota.Message, StringComparison.Ordinal);

        await server.Sessions.OpenAsync("b1", "ip:10.0.0.2", offer);
        var full = await Assert.ThrowsAsync<InvalidOperationException>(() => server.Sessions.OpenAsync("c1", "ip:10.0.0.3", offer));
        Assert.Contains("limit of 3 sessions", full.Message, StringComparison.Ordinal);

        // A frees a slot while C waits: A cannot take it back, C can.
        await server.Sessions.CloseAsync("a1");
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Sessions.OpenAsync("a1", "ip:10.0.0.1", offer));
        await server.Sessions.OpenAsync("c1", "ip:10.0.0.3", offer);
        Assert.Equal(3, server.Sessions.Count);
    }
}
