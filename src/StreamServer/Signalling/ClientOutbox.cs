using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Signalling;

/// <summary>
/// What is still to be pushed to one browser: the latest stats (a newer snapshot replaces one not yet sent), the latest
/// posed frame (likewise: a viewer places the newest frame it shows) and a PeerClosed reason. At most one send is in flight per connection, so a browser that stops reading holds up only its
/// own pushes, and what waits for it is bounded to these three values.
/// </summary>
internal sealed class ClientOutbox(IStreamClient client)
{
    private readonly Lock _gate = new();
    private StreamStats? _stats;
    private PosedFrame? _frame;
    private string? _closedReason;
    private bool _sending;

    /// <summary>Stats snapshots replaced before they could be sent (the browser read slower than they came).</summary>
    public long Superseded { get; private set; }

    /// <summary>True when a send is in flight or queued.</summary>
    public bool Busy
    {
        get
        {
            lock (_gate)
            {
                return _sending;
            }
        }
    }

    /// <summary>Queues <paramref name="stats"/>; returns true when the caller must start <see cref="DrainAsync"/>.</summary>
    public bool Post(StreamStats stats)
    {
        lock (_gate)
        {
            Superseded += _stats is null ? 0 : 1;
            _stats = stats;
            return Claim();
        }
    }

    /// <summary>Queues <paramref name="frame"/>; returns true when the caller must start <see cref="DrainAsync"/>.</summary>
    public bool Post(PosedFrame frame)
    {
        lock (_gate)
        {
            _frame = frame;
            return Claim();
        }
    }

    /// <summary>Queues a PeerClosed push; returns true when the caller must start <see cref="DrainAsync"/>.</summary>
    public bool Post(string closedReason)
    {
        lock (_gate)
        {
            _closedReason = closedReason;
            return Claim();
        }
    }

    /// <summary>Sends until nothing is pending; the one caller that got true from Post runs it.</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            StreamStats? stats;
            PosedFrame? frame;
            string? reason;
            lock (_gate)
            {
                (stats, frame, reason) = (_stats, _frame, _closedReason);
                (_stats, _frame, _closedReason) = (null, null, null);
                if (stats is null && frame is null && reason is null)
                {
                    _sending = false;
                    return;
                }
            }
            // A send to a connection that has gone fails; the next post (if any) tries again.
            if (reason is not null)
            {
                await client.PeerClosed(reason).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            if (frame is not null)
            {
                await client.Frame(frame).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            if (stats is not null)
            {
                await client.Stats(stats).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private bool Claim()
    {
        if (_sending)
        {
            return false;
        }
        _sending = true;
        return true;
    }
}
