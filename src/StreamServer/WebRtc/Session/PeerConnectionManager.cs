using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Signalling;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// One peer connection per SignalR connection: opens it on an offer, runs the media handler beside it,
/// and releases both when either side closes. Sessions share only the DTLS context.
/// </summary>
internal sealed class PeerConnectionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ActiveSession> _sessions = new();
    // Every session until its release has finished, registered or not: closing waits for these, so a caller
    // that closed a session knows its socket and native handles are gone.
    private readonly ConcurrentDictionary<ActiveSession, byte> _unreleased = new();
    private readonly DtlsContext _dtls;
    private readonly WebRtcOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly IVideoSessionHandler? _handler;
    private readonly ClientPushes _pushes;
    private readonly SessionAdmission _admission;
    private readonly ISessionAdmissionCheck[] _loadChecks;
    // Packet errors of released sessions, so the exported totals never go down when a session ends.
    private readonly Dictionary<(string Layer, string Reason), long> _releasedErrors = [];
    private readonly Lock _errorsGate = new();

    /// <summary>Created by DI; <paramref name="handlers"/> holds at most the one the mode selected.</summary>
    public PeerConnectionManager(DtlsContext dtls, IOptions<WebRtcOptions> options, TimeProvider time, ILoggerFactory loggers,
        IEnumerable<IVideoSessionHandler> handlers, ClientPushes pushes, IEnumerable<ISessionAdmissionCheck> loadChecks,
        ServerMetrics metrics)
    {
        _dtls = dtls;
        _options = options.Value;
        _time = time;
        _loggers = loggers;
        _handler = handlers.SingleOrDefault();
        _pushes = pushes;
        _loadChecks = loadChecks.ToArray();
        _admission = new SessionAdmission(_options.MaxSessions, _options.MaxSessionsPerClient, time);
        // Every session is a browser's today; WHIP and WHEP sessions will add their own kinds.
        metrics.Meter.CreateObservableUpDownCounter("sessions", () => new Measurement<int>(Count, ServerMetrics.Tag("kind", "browser")),
            "{session}", "Live sessions, by kind.");
        metrics.Meter.CreateObservableCounter("packet.errors", PacketErrorMeasurements,
            "{packet}", "Received packets dropped, by layer and reason (every session since start).");
    }

    /// <summary>Sessions open now.</summary>
    public int Count => _sessions.Count;

    /// <summary>The stats of <paramref name="connectionId"/>'s session, or null when it has none.</summary>
    public PeerConnectionStats? GetStats(string connectionId) =>
        _sessions.TryGetValue(connectionId, out var session) ? session.Connection.GetStats() : null;

    /// <summary>
    /// Null when one more session could be admitted now (a slot free under <see cref="WebRtcOptions.MaxSessions"/> and
    /// no load check refusing); otherwise why not. The readiness probe asks this; an offer still takes its slot
    /// atomically in <see cref="OpenAsync"/>.
    /// </summary>
    public string? RefusalForAnotherSession() =>
        _admission.Count >= _options.MaxSessions
            ? $"{_admission.Count} of {_options.MaxSessions} session slots held"
            : LoadRefusal();

    /// <summary>The first load check's refusal of another session, or null when none refuses.</summary>
    private string? LoadRefusal() => _loadChecks.Select(c => c.RefusalForAnotherSession()).FirstOrDefault(r => r is not null);

    /// <summary>Packet errors by layer and reason: released sessions' totals plus every unreleased session's counts.</summary>
    public IReadOnlyDictionary<(string Layer, string Reason), long> PacketErrorTotals()
    {
        lock (_errorsGate)
        {
            var totals = new Dictionary<(string, string), long>(_releasedErrors);
            foreach (var session in _unreleased.Keys)
            {
                Add(totals, session.Connection.PacketErrors());
            }

            return totals;
        }
    }

    /// <summary>Ids of the SignalR connections with a session.</summary>
    public IReadOnlyCollection<string> ConnectionIds => _sessions.Keys.ToArray();

    /// <summary>
    /// Answers <paramref name="offerSdp"/> with a new peer connection, replacing any the caller had, if
    /// <paramref name="client"/> (whose quota it counts against: see <see cref="SessionAdmission"/>) may open one.
    /// </summary>
    public async Task<string> OpenAsync(string connectionId, string client, string? offerSdp)
    {
        if (!VideoOffer.TryRead(offerSdp, out var offer, out var rejection))
        {
            throw new OfferRejectedException(rejection);
        }

        await CloseAsync(connectionId).ConfigureAwait(false);
        if (LoadRefusal() is { } overloaded)
        {
            throw new InvalidOperationException(overloaded);
        }

        var slot = _admission.TryAdmit(client, out var refusal) ?? throw new InvalidOperationException(refusal);
        PeerConnection connection;
        try
        {
            connection = PeerConnection.Start(offer, _dtls, _options, _time, _loggers.CreateLogger<PeerConnection>());
        }
        catch
        {
            slot.Dispose();
            throw;
        }

        var handlerStop = new CancellationTokenSource();
        var handler = _handler?.RunAsync(connectionId, connection, handlerStop.Token) ?? Task.CompletedTask;
        var session = new ActiveSession(connectionId, connection, handler, handlerStop, slot);
        _unreleased[session] = 0;
        _sessions[connectionId] = session;
        _ = ReleaseWhenClosedAsync(connectionId, session);
        return connection.AnswerSdp;
    }

    /// <summary>Closes and releases the caller's session, if any.</summary>
    public async Task CloseAsync(string connectionId)
    {
        _sessions.TryRemove(connectionId, out _);
        // Includes a session that closed itself and is still being released.
        foreach (var session in _unreleased.Keys.Where(s => s.ConnectionId == connectionId))
        {
            await ReleaseAsync(session).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(ActiveSession session)
    {
        await session.ReleaseAsync().ConfigureAwait(false);
        lock (_errorsGate)
        {
            // In the same step as leaving _unreleased, so a scrape counts the session's errors exactly once.
            if (_unreleased.TryRemove(session, out _))
            {
                Add(_releasedErrors, session.Connection.PacketErrors());
            }
        }
    }

    private static void Add(Dictionary<(string Layer, string Reason), long> totals, PacketErrorCount[] counts)
    {
        foreach (var count in counts)
        {
            totals[(count.Layer, count.Reason)] = totals.GetValueOrDefault((count.Layer, count.Reason)) + count.Count;
        }
    }

    private IEnumerable<Measurement<long>> PacketErrorMeasurements() =>
        PacketErrorTotals().Select(e => new Measurement<long>(e.Value, ServerMetrics.Tag("layer", e.Key.Layer), ServerMetrics.Tag("reason", e.Key.Reason)));

    private async Task ReleaseWhenClosedAsync(string connectionId, ActiveSession session)
    {
        string reason = await session.Connection.Closed.ConfigureAwait(false);
        // Only when it is still the registered one: a replaced or explicitly closed session was already released.
        bool wasRegistered = _sessions.TryRemove(new KeyValuePair<string, ActiveSession>(connectionId, session));
        await ReleaseAsync(session).ConfigureAwait(false);
        if (wasRegistered)
        {
            _pushes.PeerClosed(connectionId, reason);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _sessions.Clear();
        foreach (var session in _unreleased.Keys)
        {
            await ReleaseAsync(session).ConfigureAwait(false);
        }
    }

    /// <summary>A session and its media handler; released once, however many paths ask.</summary>
    private sealed class ActiveSession(string connectionId, PeerConnection connection, Task handler, CancellationTokenSource handlerStop,
        SessionAdmission.Slot slot)
    {
        // The slot is freed only once the socket and native handles are gone, so churn cannot exceed the limits.
        private readonly Lazy<Task> _release = new(() => ReleaseCoreAsync(connection, handler, handlerStop, slot));

        public string ConnectionId { get; } = connectionId;

        public PeerConnection Connection { get; } = connection;

        public Task ReleaseAsync() => _release.Value;

        private static async Task ReleaseCoreAsync(PeerConnection connection, Task handler, CancellationTokenSource handlerStop,
            SessionAdmission.Slot slot)
        {
            try
            {
                await handlerStop.CancelAsync().ConfigureAwait(false);
                connection.Close("closed");
                await handler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await connection.DisposeAsync().ConfigureAwait(false);
                handlerStop.Dispose();
            }
            finally
            {
                slot.Dispose();
            }
        }
    }
}
