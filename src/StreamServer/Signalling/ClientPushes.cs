using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Signalling;

/// <summary>
/// Every server-to-browser push (stats, posed frames, PeerClosed) goes through here: the caller never waits on a browser. Each
/// connection has its own <see cref="ClientOutbox"/> (bounded, latest stats win) drained by its own task, so one
/// browser that stops reading delays nobody else's pushes (issue #17 finding 4).
/// </summary>
internal sealed class ClientPushes(IHubContext<StreamHub, IStreamClient> hub)
{
    private readonly ConcurrentDictionary<string, ClientOutbox> _outboxes = new(StringComparer.Ordinal);

    /// <summary>Stats snapshots replaced before a slow browser took them, over all connections.</summary>
    public long Superseded => _outboxes.Values.Sum(o => o.Superseded);

    public void Stats(string connectionId, StreamStats stats) => Start(Outbox(connectionId).Post(stats), connectionId);

    public void Frame(string connectionId, PosedFrame frame) => Start(Outbox(connectionId).Post(frame), connectionId);

    public void PeerClosed(string connectionId, string reason) => Start(Outbox(connectionId).Post(reason), connectionId);

    /// <summary>Drops the connection's outbox once it has gone (an in-flight send ends with the connection).</summary>
    public void Forget(string connectionId) => _outboxes.TryRemove(connectionId, out _);

    private ClientOutbox Outbox(string connectionId) =>
        _outboxes.GetOrAdd(connectionId, id => new ClientOutbox(hub.Clients.Client(id)));

    private void Start(bool mustDrain, string connectionId)
    {
        if (mustDrain && _outboxes.TryGetValue(connectionId, out var outbox))
        {
            _ = Task.Run(outbox.DrainAsync);
        }
    }
}
