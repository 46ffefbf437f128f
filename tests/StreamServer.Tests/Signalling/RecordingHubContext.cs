using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using PortraitStream.Server.Pipeline.Stats;
using PortraitStream.Server.Signalling;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// A hub context whose clients record when each push arrived; a client named in <see cref="Stalled"/> never completes a
/// send, as SignalR's send does for a browser that stopped reading once its buffers are full.
/// </summary>
internal sealed class RecordingHubContext : IHubContext<StreamHub, IStreamClient>, IHubClients<IStreamClient>
{
    private readonly ConcurrentDictionary<string, Recorder> _clients = new();

    public HashSet<string> Stalled { get; } = [];

    public IHubClients<IStreamClient> Clients => this;

    public IGroupManager Groups => throw new NotSupportedException();

    public IReadOnlyList<long> ArrivalTicks(string connectionId) => _clients.TryGetValue(connectionId, out var r) ? r.Arrivals : [];

    public int SendsStarted(string connectionId) => _clients.TryGetValue(connectionId, out var r) ? r.Started : 0;

    public IStreamClient Client(string connectionId) => _clients.GetOrAdd(connectionId, id => new Recorder(Stalled.Contains(id)));

    public IStreamClient All => throw new NotSupportedException();
    public IStreamClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
    IStreamClient IHubClients<IStreamClient>.Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();
    public IStreamClient Group(string groupName) => throw new NotSupportedException();
    public IStreamClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
    IStreamClient IHubClients<IStreamClient>.Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();
    public IStreamClient User(string userId) => throw new NotSupportedException();
    public IStreamClient Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();

    private sealed class Recorder(bool stalled) : IStreamClient
    {
        private readonly List<long> _arrivals = [];
        private int _started;

        public IReadOnlyList<long> Arrivals
        {
            get
            {
                lock (_arrivals)
                {
                    return [.. _arrivals];
                }
            }
        }

        public int Started => Volatile.Read(ref _started);

        public Task PeerClosed(string reason) => Arrive();

        public Task Stats(StreamStats stats) => Arrive();

        public Task Frame(PosedFrame frame) => Arrive();

        private Task Arrive()
        {
            Interlocked.Increment(ref _started);
            if (stalled)
            {
                return new TaskCompletionSource().Task; // never completes
            }
            lock (_arrivals)
            {
                _arrivals.Add(Stopwatch.GetTimestamp());
            }
            return Task.CompletedTask;
        }
    }
}
