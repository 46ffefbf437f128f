namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// One family of per-session counters summed over every session since start: released sessions' final counts plus the
/// live ones' current counts, so an exported counter never goes down when a session ends. Not thread-safe: the manager
/// guards it with the same lock as its set of unreleased sessions, so a scrape counts each session exactly once.
/// </summary>
/// <param name="read">A session's counters in this family, by series.</param>
internal sealed class SessionCounterTotals<TKey>(Func<PeerConnection, IEnumerable<KeyValuePair<TKey, long>>> read)
    where TKey : notnull
{
    private readonly Dictionary<TKey, long> _released = [];

    /// <summary>Adds a session that is being released, whose counts no longer move.</summary>
    public void Release(PeerConnection connection) => Add(_released, connection);

    /// <summary>The released totals plus <paramref name="live"/> sessions' counts.</summary>
    public Dictionary<TKey, long> With(IEnumerable<PeerConnection> live)
    {
        var totals = new Dictionary<TKey, long>(_released);
        foreach (var connection in live)
        {
            Add(totals, connection);
        }

        return totals;
    }

    private void Add(Dictionary<TKey, long> totals, PeerConnection connection)
    {
        foreach (var (key, count) in read(connection))
        {
            totals[key] = totals.GetValueOrDefault(key) + count;
        }
    }
}
