using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Echo;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Dtls;
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
        await using var table = new Table();
        var error = await Assert.ThrowsAsync<OfferRejectedException>(() => table.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer-audio-only.sdp")));
        Assert.Equal(OfferRejectionReason.NoVideo, error.Rejection.Reason);
        Assert.Equal(0, table.Sessions.Count);
    }

    [Fact]
    public async Task Session_SecondOfferFromSameConnection_ReplacesTheFirst()
    {
        await using var table = new Table();
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
        await using var table = new Table(new WebRtcOptions { MaxSessions = 3, MaxSessionsPerClient = 2 });
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
    public async Task SessionEndingByItself_RaisesEndedOnce_WithItsOriginAndReason_AndLeavesTheTable()
    {
        await using var table = new Table();
        var ended = new TaskCompletionSource<MediaSessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        table.Sessions.Ended += (_, e) => ended.TrySetResult(e);
        await table.Sessions.OpenAsync("w1", "ip:127.0.0.1", Data("chromium-offer.sdp"), MediaSessionOrigin.Whip);
        Assert.Equal(["w1"], table.Sessions.Ids(MediaSessionOrigin.Whip));
        Assert.Empty(table.Sessions.Ids(MediaSessionOrigin.Hub));

        (await table.Handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10))).Close("the peer left");

        Assert.Equal(new MediaSessionEnded("w1", MediaSessionOrigin.Whip, "the peer left"), await ended.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(table.Sessions.OriginOf("w1"));
    }

    [Fact]
    public async Task SessionClosedOnRequest_RaisesNoEnded()
    {
        await using var table = new Table();
        var raised = 0;
        table.Sessions.Ended += (_, _) => Interlocked.Increment(ref raised);
        await table.Sessions.OpenAsync("c1", "ip:127.0.0.1", Data("chromium-offer.sdp"));
        await table.Sessions.CloseAsync("c1");
        Assert.Equal(0, raised);
        Assert.Equal(0, table.Sessions.Count);
    }

    /// <summary>The table as the server builds it, minus the host: a fresh DTLS certificate and a handler that records its session.</summary>
    private sealed class Table : IAsyncDisposable
    {
        private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        private readonly DtlsContext _dtls = new(new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1Tag80] });

        public Table(WebRtcOptions? options = null)
        {
            Sessions = new MediaSessionTable(_dtls, Options.Create(options ?? new WebRtcOptions()), TimeProvider.System, NullLoggerFactory.Instance,
                [Handler], [], new ServerMetrics(_metrics.GetRequiredService<IMeterFactory>()));
        }

        public RecordingHandler Handler { get; } = new();

        public MediaSessionTable Sessions { get; }

        public async ValueTask DisposeAsync()
        {
            await Sessions.DisposeAsync();
            _dtls.Dispose();
            await _metrics.DisposeAsync();
        }
    }

    /// <summary>Echo mode's handler, remembering the first session it ran on.</summary>
    private sealed class RecordingHandler : IMediaSessionHandler
    {
        private readonly EchoVideoHandler _echo = new(NullLogger<EchoVideoHandler>.Instance);

        public TaskCompletionSource<IMediaSession> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task RunAsync(IMediaSession session, CancellationToken cancellationToken)
        {
            Started.TrySetResult(session);
            return _echo.RunAsync(session, cancellationToken);
        }
    }
}
