using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Signalling;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// One peer connection per SignalR connection: opens it on an offer, runs the media handler beside it,
/// and releases both when either side closes. Sessions share only the DTLS context.
/// </summary>
public sealed class PeerConnectionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ActiveSession> _sessions = new();
    private readonly DtlsContext _dtls;
    private readonly WebRtcOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly IVideoSessionHandler? _handler;
    private readonly IHubContext<WebRtcHub, IWebRtcClient> _hub;

    /// <summary>Created by DI; <paramref name="handlers"/> holds at most the one the mode selected.</summary>
    public PeerConnectionManager(DtlsContext dtls, IOptions<WebRtcOptions> options, TimeProvider time, ILoggerFactory loggers,
        IEnumerable<IVideoSessionHandler> handlers, IHubContext<WebRtcHub, IWebRtcClient> hub)
    {
        _dtls = dtls;
        _options = options.Value;
        _time = time;
        _loggers = loggers;
        _handler = handlers.SingleOrDefault();
        _hub = hub;
    }

    /// <summary>Sessions open now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Answers <paramref name="offerSdp"/> with a new peer connection, replacing any the caller had.</summary>
    public async Task<string> OpenAsync(string connectionId, string offerSdp)
    {
        if (!VideoOffer.TryRead(offerSdp, out var offer, out var rejection))
        {
            throw new OfferRejectedException(rejection);
        }

        await CloseAsync(connectionId).ConfigureAwait(false);
        if (_sessions.Count >= _options.MaxSessions)
        {
            throw new InvalidOperationException($"The server is at its limit of {_options.MaxSessions} sessions.");
        }

        var connection = PeerConnection.Start(offer, _dtls, _options, _time, _loggers.CreateLogger<PeerConnection>());
        var handlerStop = new CancellationTokenSource();
        var handler = _handler?.RunAsync(connection, handlerStop.Token) ?? Task.CompletedTask;
        var session = new ActiveSession(connection, handler, handlerStop);
        _sessions[connectionId] = session;
        _ = connection.Closed.ContinueWith(async closed => await OnClosedBySessionAsync(connectionId, session, closed.Result).ConfigureAwait(false),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return connection.AnswerSdp;
    }

    /// <summary>Closes and releases the caller's session, if any.</summary>
    public async Task CloseAsync(string connectionId)
    {
        if (_sessions.TryRemove(connectionId, out var session))
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task OnClosedBySessionAsync(string connectionId, ActiveSession session, string reason)
    {
        // Only when it is still the registered one: a replaced or explicitly closed session was already released.
        if (_sessions.TryRemove(new KeyValuePair<string, ActiveSession>(connectionId, session)))
        {
            await session.DisposeAsync().ConfigureAwait(false);
            await _hub.Clients.Client(connectionId).PeerClosed(reason).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys)
        {
            await CloseAsync(id).ConfigureAwait(false);
        }
    }

    private sealed record ActiveSession(PeerConnection Connection, Task Handler, CancellationTokenSource HandlerStop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await HandlerStop.CancelAsync().ConfigureAwait(false);
            Connection.Close("closed");
            await Handler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Connection.DisposeAsync().ConfigureAwait(false);
            HandlerStop.Dispose();
        }
    }
}
