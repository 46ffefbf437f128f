using System.Threading.Channels;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// A viewer pose's request to re-render the session's held triplanes, coalesced: however many poses arrive while the
/// render stage is busy, at most one re-render is pending, and it renders whichever pose is newest when it starts
/// (latest pose wins). The hub's pose calls request, the session's render loop takes; safe from any thread.
/// </summary>
internal sealed class PendingRerender
{
    // Capacity 1, DropWrite: a request made while one is pending is the same request.
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Asks for a re-render at the newest pose (no-op when one is pending already).</summary>
    public void Request() => _pending.Writer.TryWrite(true);

    /// <summary>Takes the pending request; false when there was none.</summary>
    public bool TryTake() => _pending.Reader.TryRead(out _);

    /// <summary>Completes when a request is pending (without taking it).</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _pending.Reader.WaitToReadAsync(cancellationToken);
}
