using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Tests.Media.Sessions;

/// <summary>The session table on its own: real peer connections (sockets, OpenSSL) and the echo handler, no web host.</summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class MediaSessionTableTests
{
    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", name));

    [Fact]
    public async Task Rfc8829_AudioOnlyOffer_RejectedWithTypedReason_NoSessionOpened()
    {
        await using var table = new EchoSessionTable();
        var error = await Assert.ThrowsAsync<OfferRejectedException>(() => table.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer-audio-only.sdp")));
        Assert.Equal(OfferRejectionReason.NoVideo, error.Rejection.Reason);
        Assert.Equal(0, table.Sessions.Count);
    }

    [Fact]
    public async Task Session_SecondOfferFromSameConnection_ReplacesTheFirst()
    {
        await using var table = new EchoSessionTable();
        var first = await table.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer.sdp"));
        var second = await table.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer.sdp"));
        Assert.NotEqual(first, second);
        Assert.Equal(1, table.Sessions.Count);
        await table.Sessions.CloseAsync("c1");
        Assert.Equal(0, table.Sessions.Count);
    }

    /// <summary>
    /// Regression for issue #17 finding 3: one client (one remote address) could open every session. Now it gets
    /// WebRtc:MaxSessionsPerClient, and a slot it frees while another client waits goes to that client.
    /// </summary>
    [Fact]
    public async Task OneClient_CannotHoldEverySession_NorRefillAFreedSlotAheadOfAWaitingClient()
    {
        await using var table = new EchoSessionTable(new WebRtcOptions { MaxSessions = 3, MaxSessionsPerClient = 2 });
        var offer = Data("chromium-offer.sdp");
        await table.Sessions.OpenAsync("a1", "ip:10.0.0.1", offer);
        await table.Sessions.OpenAsync("a2", "ip:10.0.0.1", offer);
        var quota = await Assert.ThrowsAsync<InvalidOperationException>(() => table.Sessions.OpenAsync("a3", "ip:10.0.0.1", offer));
        Assert.Contains("limit per client", quota.Message, StringComparison.Ordinal);

        await table.Sessions.OpenAsync("b1", "ip:10.0.0.2", offer);
        var full = await Assert.ThrowsAsync<InvalidOperationException>(() => table.Sessions.OpenAsync("c1", "ip:10.0.0.3", offer));
        Assert.Contains("limit of 3 sessions", full.Message, StringComparison.Ordinal);

        // A frees a slot while C waits: A cannot take it back, C can.
        await table.Sessions.CloseAsync("a1");
        await Assert.ThrowsAsync<InvalidOperationException>(() => table.Sessions.OpenAsync("a1", "ip:10.0.0.1", offer));
        await table.Sessions.OpenAsync("c1", "ip:10.0.0.3", offer);
        Assert.Equal(3, table.Sessions.Count);
    }

    [Fact]
    public async Task SessionEndingByItself_RaisesOpenedThenEndedOnce_WithTheSessionAndReason_AndLeavesTheTable()
    {
        await using var table = new EchoSessionTable();
        var opened = new List<IMediaSession>();
        var ended = new TaskCompletionSource<MediaSessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        table.Sessions.Opened += (_, s) => opened.Add(s);
        table.Sessions.Ended += (_, e) => Assert.True(ended.TrySetResult(e), "Ended raised twice");
        await table.Sessions.OpenAsync("w1", "ip:127.0.0.1", Data("chromium-offer.sdp"), MediaSessionOrigin.Whip);
        Assert.Equal(["w1"], table.Sessions.SessionIds);
        Assert.Equal(MediaSessionOrigin.Whip, table.Sessions.OriginOf("w1"));

        var session = await table.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(session, Assert.Single(opened));
        session.Close("the peer left");

        var end = await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((session, "w1", MediaSessionOrigin.Whip, "the peer left", true), (end.Session, end.Id, end.Origin, end.Reason, end.ByItself));
        Assert.Null(table.Sessions.OriginOf("w1"));
    }

    [Fact]
    public async Task SessionClosedOrReplacedOnRequest_RaisesEndedNotByItself_BeforeTheReplacementOpens()
    {
        await using var table = new EchoSessionTable();
        var events = new List<string>();
        table.Sessions.Opened += (_, s) => events.Add($"opened {s.Id}");
        table.Sessions.Ended += (_, e) => events.Add($"ended {e.Id} {e.Reason} byItself={e.ByItself}");
        await table.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer.sdp"));
        await table.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer.sdp"));
        await table.Sessions.CloseAsync("c1");
        await table.Sessions.CloseAsync("c1");
        Assert.Equal(["opened c1", "ended c1 closed byItself=False", "opened c1", "ended c1 closed byItself=False"], events);
        Assert.Equal(0, table.Sessions.Count);
    }
}
