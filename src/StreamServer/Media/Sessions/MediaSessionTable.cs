using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Audio;
using PortraitStream.Server.Media.Viewers;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Faults;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// The one table of live media sessions, whatever opened them (a browser through the hub, a WHIP publisher), keyed by
/// session id: opens a peer connection on an offer, runs the media handler on it (and forwards the peer's audio, delayed
/// like the video, to the peer itself when it takes audio and to the session's WHEP viewers), and releases both when
/// either side closes. Sessions share only the DTLS context. Whoever must hear that a session began or ended subscribes
/// to <see cref="Opened"/> and <see cref="Ended"/>; the table knows nothing of them.
/// </summary>
internal sealed class MediaSessionTable : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ActiveSession> _sessions = new();
    // Every session until its release has finished, registered or not: closing waits for these, so a caller
    // that closed a session knows its socket and native handles are gone.
    private readonly ConcurrentDictionary<ActiveSession, byte> _unreleased = new();
    private readonly DtlsContext _dtls;
    private readonly WebRtcOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly IMediaSessionHandler? _handler;
    private readonly SessionAdmission _admission;
    private readonly ISessionAdmissionCheck[] _loadChecks;
    // Counters of every session since start; the lock makes leaving _unreleased and joining the totals one step.
    private readonly SessionCounterTotals<(string Layer, string Reason)> _errors =
        new(c => c.PacketErrors().Select(e => KeyValuePair.Create((e.Layer, e.Reason), e.Count)));
    private readonly SessionCounterTotals<string> _recovery = new(c => c.RecoveryCounts());
    private readonly Lock _totalsGate = new();
    private readonly ViewerMetrics _viewerMetrics;
    private readonly AudioMetrics _audioMetrics;

    /// <summary>Created by DI; <paramref name="handlers"/> holds at most the one the mode selected.</summary>
    public MediaSessionTable(DtlsContext dtls, IOptions<WebRtcOptions> options, TimeProvider time, ILoggerFactory loggers,
        IEnumerable<IMediaSessionHandler> handlers, IEnumerable<ISessionAdmissionCheck> loadChecks, ServerMetrics metrics)
    {
        _dtls = dtls;
        _options = options.Value;
        _time = time;
        _loggers = loggers;
        _handler = handlers.SingleOrDefault();
        _loadChecks = loadChecks.ToArray();
        _admission = new SessionAdmission(_options.MaxSessions, _options.MaxSessionsPerClient, time);
        _viewerMetrics = new ViewerMetrics(metrics);
        _audioMetrics = new AudioMetrics(metrics, PacketErrorTotals);
        metrics.Meter.CreateObservableUpDownCounter("sessions", SessionMeasurements, "{session}", "Live sessions, by kind.");
        metrics.Meter.CreateObservableCounter("packet.errors", PacketErrorMeasurements,
            "{packet}", "Received packets dropped, by layer and reason (every session since start).");
        metrics.Meter.CreateObservableCounter("webrtc.recovery", RecoveryMeasurements, "{event}",
            "Loss recovery, by event: NACKs and PLIs sent and received, packets retransmitted, key frames sent (every session since start).");
    }

    /// <summary>Raised once for each new session, before its handler runs, so per-session state exists when it starts.</summary>
    public event EventHandler<IMediaSession>? Opened;

    /// <summary>
    /// Raised once for each session that ended, by itself or closed or replaced on request
    /// (<see cref="MediaSessionEnded.ByItself"/> tells which), after <see cref="Opened"/> for it.
    /// </summary>
    public event EventHandler<MediaSessionEnded>? Ended;

    /// <summary>Sessions open now.</summary>
    public int Count => _sessions.Count;

    /// <summary>
    /// Sessions open now or closed but still being released (their pipeline stopping, their connection closing): what
    /// a drain waits for, so the process stops only once every session has finished its teardown.
    /// </summary>
    public int Unreleased => _unreleased.Count;

    /// <summary>Who opened session <paramref name="id"/>, or null when it is not open.</summary>
    public MediaSessionOrigin? OriginOf(string id) => _sessions.TryGetValue(id, out var session) ? session.Media.Origin : null;

    /// <summary>The WHEP viewers of session <paramref name="id"/>, or null when it is not open.</summary>
    public ViewerFanOut? ViewersOf(string id) => _sessions.TryGetValue(id, out var session) ? session.Media.Viewers : null;

    /// <summary>A session's or a viewer's connection: one DTLS context and one set of transport settings for all.</summary>
    private PeerConnection StartConnection(VideoOffer offer) =>
        PeerConnection.Start(offer, _dtls, _options, _time, _loggers.CreateLogger<PeerConnection>());

    /// <summary>The transport stats of session <paramref name="id"/>, or null when there is none.</summary>
    public PeerConnectionStats? GetStats(string id) =>
        _sessions.TryGetValue(id, out var session) ? session.Media.Connection.GetStats() : null;

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
        lock (_totalsGate)
        {
            return _errors.With(_unreleased.Keys.Select(s => s.Media.Connection));
        }
    }

    /// <summary>Loss-recovery events (<see cref="PeerConnection.RecoveryCounts"/>) of every session since start.</summary>
    public IReadOnlyDictionary<string, long> RecoveryTotals()
    {
        lock (_totalsGate)
        {
            return _recovery.With(_unreleased.Keys.Select(s => s.Media.Connection));
        }
    }

    /// <summary>What test-only fault injection did to session <paramref name="id"/>; null without a session or injection.</summary>
    public (FaultCounters Receive, FaultCounters Send)? InjectedFaults(string id) =>
        _sessions.TryGetValue(id, out var session) ? session.Media.Connection.InjectedFaults : null;

    /// <summary>Ids of every open session.</summary>
    public IReadOnlyCollection<string> SessionIds => _sessions.Keys.ToArray();

    /// <summary>
    /// Answers <paramref name="offerSdp"/> with a new session <paramref name="id"/>, replacing any session of that id, if
    /// <paramref name="client"/> (whose quota it counts against: see <see cref="SessionAdmission"/>) may open one.
    /// </summary>
    public Task<string> OpenAsync(string id, string client, string? offerSdp, MediaSessionOrigin origin = MediaSessionOrigin.Hub) =>
        OpenAsync(id, client, VideoOffer.TryRead(offerSdp, out var offer, out var rejection) ? offer : throw new OfferRejectedException(rejection), origin);

    /// <summary>As above, for an offer already read (the WHIP endpoint reads it first to answer with the right status).</summary>
    public async Task<string> OpenAsync(string id, string client, VideoOffer offer, MediaSessionOrigin origin)
    {
        await CloseAsync(id).ConfigureAwait(false);
        if (LoadRefusal() is { } overloaded)
        {
            throw new InvalidOperationException(overloaded);
        }

        var slot = _admission.TryAdmit(client, out var refusal) ?? throw new InvalidOperationException(refusal);
        PeerConnection? connection = null;
        WebRtcMediaSession media;
        var audio = new AudioFanOut();
        try
        {
            connection = StartConnection(offer);
            media = new WebRtcMediaSession(id, origin, connection, new ViewerFanOut(StartConnection, audio, _viewerMetrics, _time));
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            slot.Dispose();
            throw;
        }

        Opened?.Invoke(this, media);
        var handlerStop = new CancellationTokenSource();
        var handler = _handler?.RunAsync(media, handlerStop.Token) ?? Task.CompletedTask;
        if (media.PeerReceivesAudio)
        {
            // A browser hears its own voice back with its rendered self.
            audio.Add(media);
        }

        // The session's audio has one reader: it feeds the peer and the viewers alike, and stops before they are released.
        handler = Task.WhenAll(handler, AudioForwarder.RunAsync(media, audio, _audioMetrics, handlerStop.Token));

        var session = new ActiveSession(media, handler, handlerStop, slot);
        _unreleased[session] = 0;
        _sessions[id] = session;
        _ = ReleaseWhenClosedAsync(id, session);
        return media.Connection.AnswerSdp;
    }

    /// <summary>Closes and releases the caller's session, if any.</summary>
    public async Task CloseAsync(string id)
    {
        if (_sessions.TryRemove(id, out var closed))
        {
            // Before the release: whoever listens must stop steering it now, and a replacing session opens only after this.
            Ended?.Invoke(this, new MediaSessionEnded(closed.Media, "closed", ByItself: false));
        }

        // Includes a session that closed itself and is still being released.
        foreach (var session in _unreleased.Keys.Where(s => s.Id == id))
        {
            await ReleaseAsync(session).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(ActiveSession session)
    {
        await session.ReleaseAsync().ConfigureAwait(false);
        lock (_totalsGate)
        {
            // In the same step as leaving _unreleased, so a scrape counts the session's counters exactly once.
            if (_unreleased.TryRemove(session, out _))
            {
                _errors.Release(session.Media.Connection);
                _recovery.Release(session.Media.Connection);
            }
        }
    }

    private IEnumerable<Measurement<int>> SessionMeasurements() =>
        Enum.GetValues<MediaSessionOrigin>().Select(origin => new Measurement<int>(
            _sessions.Values.Count(s => s.Media.Origin == origin), ServerMetrics.Tag("kind", origin.Kind())));

    private IEnumerable<Measurement<long>> PacketErrorMeasurements() =>
        PacketErrorTotals().Select(e => new Measurement<long>(e.Value, ServerMetrics.Tag("layer", e.Key.Layer), ServerMetrics.Tag("reason", e.Key.Reason)));

    private IEnumerable<Measurement<long>> RecoveryMeasurements() =>
        RecoveryTotals().Select(e => new Measurement<long>(e.Value, ServerMetrics.Tag("event", e.Key)));

    private async Task ReleaseWhenClosedAsync(string id, ActiveSession session)
    {
        string reason = await session.Media.Closed.ConfigureAwait(false);
        // Only when it is still the registered one: a replaced or explicitly closed session was already released.
        if (_sessions.TryRemove(new KeyValuePair<string, ActiveSession>(id, session)))
        {
            Ended?.Invoke(this, new MediaSessionEnded(session.Media, reason, ByItself: true));
        }

        await ReleaseAsync(session).ConfigureAwait(false);
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
    private sealed class ActiveSession(WebRtcMediaSession media, Task handler, CancellationTokenSource handlerStop, SessionAdmission.Slot slot)
    {
        // The slot is freed only once the socket and native handles are gone, so churn cannot exceed the limits.
        private readonly Lazy<Task> _release = new(() => ReleaseCoreAsync(media, handler, handlerStop, slot));

        public string Id => Media.Id;

        public WebRtcMediaSession Media { get; } = media;

        public Task ReleaseAsync() => _release.Value;

        private static async Task ReleaseCoreAsync(WebRtcMediaSession media, Task handler, CancellationTokenSource handlerStop,
            SessionAdmission.Slot slot)
        {
            try
            {
                await handlerStop.CancelAsync().ConfigureAwait(false);
                media.Close("closed");
                await handler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await media.DisposeAsync().ConfigureAwait(false);
                handlerStop.Dispose();
            }
            finally
            {
                slot.Dispose();
            }
        }
    }
}
