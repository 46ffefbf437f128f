namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// Who may open a session now: at most <see cref="WebRtcOptions.MaxSessions"/> in all and
/// <see cref="WebRtcOptions.MaxSessionsPerClient"/> per client (a remote address, or the subject of the JWT it
/// authenticated with: Signalling's ClientKey). A slot is reserved in the same step as the check, so concurrent offers
/// cannot overshoot, and is held until the session is fully released. When the server is full, clients refused for want of a slot
/// wait in line for <see cref="WaitingWindow"/>: a freed slot goes to one of them, not back to a client that is not
/// waiting — so a client cannot close and reopen to keep every slot from others.
/// </summary>
internal sealed class SessionAdmission(int maxSessions, int maxSessionsPerClient, TimeProvider time)
{
    /// <summary>How long a refused client keeps its claim on the next free slot (a browser's retry comes within it).</summary>
    public static readonly TimeSpan WaitingWindow = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _waiting = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Sessions holding a slot (open or still being released).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Reserves a slot for <paramref name="client"/>; null with <paramref name="refusal"/> saying why otherwise.</summary>
    public Slot? TryAdmit(string client, out string? refusal)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            foreach (var stale in _waiting.Where(w => time.GetElapsedTime(w.Value, now) > WaitingWindow).Select(w => w.Key).ToList())
            {
                _waiting.Remove(stale);
            }
            var mine = _perClient.GetValueOrDefault(client);
            if (mine >= maxSessionsPerClient)
            {
                refusal = $"This client already has {mine} sessions, the limit per client.";
                return null;
            }
            var othersWaiting = _waiting.Count - (_waiting.ContainsKey(client) ? 1 : 0);
            var free = maxSessions - _total;
            // A waiting client may take any free slot; anyone else only one that no waiting client has a claim on.
            if (free <= 0 || (!_waiting.ContainsKey(client) && free <= othersWaiting))
            {
                _waiting[client] = now;
                refusal = $"The server is at its limit of {maxSessions} sessions; try again shortly.";
                return null;
            }
            _waiting.Remove(client);
            _perClient[client] = mine + 1;
            _total++;
            refusal = null;
            return new Slot(this, client);
        }
    }

    private void Release(string client)
    {
        lock (_gate)
        {
            _total--;
            if (--_perClient[client] == 0)
            {
                _perClient.Remove(client);
            }
        }
    }

    /// <summary>One reserved slot; disposing frees it (once).</summary>
    public sealed class Slot(SessionAdmission owner, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(client);
            }
        }
    }
}
