using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using PortraitStream.Server.Diagnostics;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>Something that counts the items it threw away.</summary>
internal interface IDropCounter
{
    /// <summary>Items replaced before anyone took them.</summary>
    long Dropped { get; }
}

/// <summary>
/// The hand-over between two pipeline stages: holds at most one item, and a new item replaces (and disposes) one the
/// consumer has not taken yet. A slow stage therefore always works on the newest frame and latency never builds up;
/// what was replaced is counted in <see cref="Dropped"/>. One producer, one consumer.
/// </summary>
internal sealed class LatestSlot<T> : IDropCounter, IDisposable where T : IDisposable
{
    private readonly Channel<T> _channel;
    private readonly Counter<long>? _drops;
    private readonly KeyValuePair<string, object?> _name;
    private long _dropped;
    private TaskCompletionSource? _taken; // a writer waiting for the reader to take the item (WhenTakenAsync)
    private volatile bool _completed;

    public LatestSlot()
    {
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            OnDropped);
    }

    /// <summary>A slot that also counts each drop into <paramref name="drops"/>, tagged <c>slot</c> = <paramref name="name"/>.</summary>
    public LatestSlot(Counter<long> drops, string name) : this()
    {
        _drops = drops;
        _name = ServerMetrics.Tag("slot", name);
    }

    /// <inheritdoc/>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Offers <paramref name="item"/>, replacing any waiting one; after <see cref="Complete"/> the item is disposed.</summary>
    public void Put(T item)
    {
        if (!_channel.Writer.TryWrite(item))
        {
            item.Dispose();
        }
    }

    /// <summary>Waits for the next item; false once the slot is completed and empty.</summary>
    public async ValueTask<(bool Ok, T? Item)> TakeAsync(CancellationToken cancellationToken)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_channel.Reader.TryRead(out var item))
            {
                OnTaken();
                return (true, item);
            }
        }

        return (false, default);
    }

    /// <summary>Takes the waiting item, if any, without waiting.</summary>
    public bool TryTake([MaybeNullWhen(false)] out T item)
    {
        if (!_channel.Reader.TryRead(out item))
        {
            return false;
        }
        OnTaken();
        return true;
    }

    /// <summary>
    /// Completes once the slot is empty: the reader has taken what was put, or the slot was completed. For a writer
    /// whose next item would only replace this one unread (work done for nothing, on cores the reader needs).
    /// </summary>
    public Task WhenTakenAsync(CancellationToken cancellationToken)
    {
        if (IsEmpty || _completed)
        {
            return Task.CompletedTask;
        }
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _taken, taken)?.TrySetResult();
        // Taken (or completed) between the check above and the registration: nobody would complete it.
        if (IsEmpty || _completed)
        {
            taken.TrySetResult();
        }
        return taken.Task.WaitAsync(cancellationToken);
    }

    private void OnTaken() => Interlocked.Exchange(ref _taken, null)?.TrySetResult();

    /// <summary>Completes true when an item waits (without taking it), false once the slot is completed and empty.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>True when no item waits for the consumer.</summary>
    public bool IsEmpty => _channel.Reader.Count == 0;

    /// <summary>The producer is done: the consumer drains what is left and then stops.</summary>
    public void Complete()
    {
        _channel.Writer.TryComplete();
        _completed = true;
        OnTaken();
    }

    /// <summary>Completes the slot and disposes a waiting item.</summary>
    public void Dispose()
    {
        Complete();
        while (_channel.Reader.TryRead(out var item))
        {
            item.Dispose();
        }
    }

    private void OnDropped(T item)
    {
        Interlocked.Increment(ref _dropped);
        _drops?.Add(1, _name);
        item.Dispose();
    }
}
