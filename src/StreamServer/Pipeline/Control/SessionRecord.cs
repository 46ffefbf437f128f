using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// Everything the server keeps about one session, whatever opened it (a browser through the hub, a WHIP publisher):
/// what its controllers steer (<see cref="Control"/>) and who follows it (<see cref="ISessionWatcher"/>s). Made by
/// <see cref="SessionRegistry"/> and ended with its media session; watchers hear the end once, and a watcher added
/// after the end hears it at once.
/// </summary>
internal sealed class SessionRecord(string id, MediaSessionOrigin origin, DateTimeOffset started, SessionControl control)
{
    // Copied on write under the gate, read without it: stats go out without taking the lock.
    private ISessionWatcher[] _watchers = [];
    private (string Reason, bool ByItself)? _end;
    private IMediaSession? _media;
    private readonly Lock _gate = new();

    public string Id { get; } = id;

    public MediaSessionOrigin Origin { get; } = origin;

    /// <summary>When the record was made (the session's offer, or a browser's first call before it).</summary>
    public DateTimeOffset Started { get; } = started;

    public SessionControl Control { get; } = control;

    /// <summary>The media session once it opened; null for a browser's record made by a call before its offer.</summary>
    public IMediaSession? Media
    {
        get { lock (_gate) { return _media; } }
    }

    /// <summary>Why the session ended, or null while it lives.</summary>
    public string? EndReason
    {
        get { lock (_gate) { return _end?.Reason; } }
    }

    /// <summary>Watchers following the session now.</summary>
    public int WatcherCount => Volatile.Read(ref _watchers).Length;

    /// <summary>
    /// Binds the record to <paramref name="media"/> unless it is bound to another session or has ended; true when it is
    /// <paramref name="media"/>'s record now.
    /// </summary>
    public bool TryBind(IMediaSession media)
    {
        lock (_gate)
        {
            if (_end is null && _media is null && media.Origin == Origin)
            {
                _media = media;
            }

            return ReferenceEquals(_media, media);
        }
    }

    public void Watch(ISessionWatcher watcher)
    {
        (string Reason, bool ByItself)? end;
        lock (_gate)
        {
            end = _end;
            if (end is null)
            {
                Volatile.Write(ref _watchers, [.. _watchers, watcher]);
            }
        }

        if (end is { } e)
        {
            watcher.OnEnded(Id, e.Reason, e.ByItself);
        }
    }

    public void Unwatch(ISessionWatcher watcher)
    {
        lock (_gate)
        {
            Volatile.Write(ref _watchers, _watchers.Where(w => w != watcher).ToArray());
        }
    }

    /// <summary>The figures last published (for a session list); null before the first.</summary>
    public StreamStats? LastStats { get; private set; }

    /// <summary>Hands <paramref name="stats"/> to every watcher.</summary>
    public void Publish(StreamStats stats)
    {
        LastStats = stats;
        foreach (var watcher in Volatile.Read(ref _watchers))
        {
            watcher.OnStats(stats);
        }
    }

    /// <summary>Hands <paramref name="frame"/> to every watcher.</summary>
    public void PublishFrame(PosedFrame frame)
    {
        foreach (var watcher in Volatile.Read(ref _watchers))
        {
            watcher.OnPosedFrame(frame);
        }
    }

    /// <summary>Ends the record: every watcher hears why, once; later calls do nothing.</summary>
    public void End(string reason, bool byItself)
    {
        ISessionWatcher[] watchers;
        lock (_gate)
        {
            if (_end is not null)
            {
                return;
            }

            _end = (reason, byItself);
            watchers = _watchers;
            Volatile.Write(ref _watchers, []);
        }

        foreach (var watcher in watchers)
        {
            watcher.OnEnded(Id, reason, byItself);
        }
    }
}
