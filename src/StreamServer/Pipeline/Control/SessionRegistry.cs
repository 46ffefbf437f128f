using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// The <see cref="SessionControl"/> of each SignalR connection, created by whichever comes first (a control call or the
/// pipeline) and removed when the connection goes. The hub and the pipeline find each other here by connection id.
/// </summary>
internal sealed class SessionRegistry(IOptions<PipelineOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SessionControl> _sessions = new(StringComparer.Ordinal);

    public SessionControl For(string connectionId) =>
        _sessions.GetOrAdd(connectionId, _ => new SessionControl(options.Value, time));

    public void Remove(string connectionId) => _sessions.TryRemove(connectionId, out _);

    /// <summary>Connections whose pipeline is running.</summary>
    public IEnumerable<(string ConnectionId, SessionControl Control)> Live() =>
        _sessions.Where(p => p.Value.Statistics.IsLive).Select(p => (p.Key, p.Value));
}
