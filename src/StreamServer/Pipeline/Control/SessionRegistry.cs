using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// The one <see cref="SessionRecord"/> per session, keyed by session id: made when the media session opens (or, for a
/// browser, by a control call before its offer, and then bound to the session its offer opens) and removed when the
/// media session ends, however it ends (<see cref="SessionRegistryFeed"/> tells it). The hub, WHIP and the pipeline
/// find a session's controls and watchers here.
/// </summary>
internal sealed class SessionRegistry(IOptions<PipelineOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SessionRecord> _records = new(StringComparer.Ordinal);

    /// <summary>
    /// The record of hub connection <paramref name="connectionId"/>'s own session, made unbound when the browser calls
    /// before its offer (settings made then, such as the overlay's alpha output, apply from the first frame).
    /// </summary>
    public SessionRecord ForConnection(string connectionId) =>
        _records.GetOrAdd(connectionId, id => NewRecord(id, MediaSessionOrigin.Hub));

    /// <summary>The record of live session <paramref name="id"/>, or null when no media session of that id is open.</summary>
    public SessionRecord? Find(string id) => _records.TryGetValue(id, out var record) && record.Media is not null ? record : null;

    /// <summary>The record of <paramref name="session"/>, which the table opened; made now if the table's event has not.</summary>
    public SessionRecord For(IMediaSession session) =>
        _records.TryGetValue(session.Id, out var record) && ReferenceEquals(record.Media, session) ? record : Open(session);

    /// <summary>Drops a hub connection's record that never got a session (the browser left before offering).</summary>
    public void ForgetUnbound(string connectionId)
    {
        if (_records.TryGetValue(connectionId, out var record) && record.Media is null)
        {
            _records.TryRemove(new KeyValuePair<string, SessionRecord>(connectionId, record));
        }
    }

    /// <summary>Records of open media sessions, oldest first.</summary>
    public IReadOnlyList<SessionRecord> Open() =>
        _records.Values.Where(r => r.Media is not null).OrderBy(r => r.Started).ToArray();

    /// <summary>Records whose pipeline is running (they have stats to push).</summary>
    public IEnumerable<SessionRecord> Live() => _records.Values.Where(r => r.Control.Statistics.IsLive);

    /// <summary>Makes (or binds a browser's unbound) record for <paramref name="session"/>.</summary>
    public SessionRecord Open(IMediaSession session)
    {
        while (true)
        {
            var record = _records.GetOrAdd(session.Id, id => NewRecord(id, session.Origin));
            if (record.TryBind(session))
            {
                return record;
            }

            // A record of an ended session not yet removed, or of another origin: this session gets a fresh one.
            _records.TryUpdate(session.Id, NewRecord(session.Id, session.Origin), record);
        }
    }

    /// <summary>Removes <paramref name="ended"/>'s record (not a replacing session's) and tells its watchers.</summary>
    public void End(MediaSessionEnded ended)
    {
        if (_records.TryGetValue(ended.Id, out var record) && ReferenceEquals(record.Media, ended.Session)
            && _records.TryRemove(new KeyValuePair<string, SessionRecord>(ended.Id, record)))
        {
            record.End(ended.Reason, ended.ByItself);
        }
    }

    private SessionRecord NewRecord(string id, MediaSessionOrigin origin) =>
        new(id, origin, time.GetUtcNow(), new SessionControl(options.Value, time));
}
