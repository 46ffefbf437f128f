using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

public sealed class LatestSlotTests
{
    private sealed class Item(int value) : IDisposable
    {
        public int Value { get; } = value;
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task NewerItem_ReplacesWaitingOne_WhichIsDisposedAndCounted()
    {
        using var slot = new LatestSlot<Item>();
        var (first, second, third) = (new Item(1), new Item(2), new Item(3));
        slot.Put(first);
        slot.Put(second);
        slot.Put(third);

        var (ok, taken) = await slot.TakeAsync(CancellationToken.None);
        Assert.True(ok);
        Assert.Same(third, taken);
        Assert.True(first.Disposed && second.Disposed);
        Assert.False(third.Disposed);
        Assert.Equal(2, slot.Dropped);
    }

    [Fact]
    public async Task Take_WaitsForTheProducer()
    {
        using var slot = new LatestSlot<Item>();
        var take = slot.TakeAsync(CancellationToken.None).AsTask();
        Assert.False(take.IsCompleted);
        slot.Put(new Item(7));
        var (ok, item) = await take.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(ok);
        Assert.Equal(7, item!.Value);
        Assert.Equal(0, slot.Dropped);
    }

    [Fact]
    public async Task Complete_LetsTheConsumerDrainThenStop_AndLaterPutsAreDisposed()
    {
        using var slot = new LatestSlot<Item>();
        slot.Put(new Item(1));
        slot.Complete();
        var late = new Item(2);
        slot.Put(late);

        Assert.True(late.Disposed);
        Assert.True((await slot.TakeAsync(CancellationToken.None)).Ok);
        Assert.False((await slot.TakeAsync(CancellationToken.None)).Ok);
    }

    [Fact]
    public async Task WhenTaken_WaitsWhileTheItemSits_AndCompletesWhenTheReaderTakesIt()
    {
        using var slot = new LatestSlot<Item>();
        Assert.True(slot.WhenTakenAsync(CancellationToken.None).IsCompleted, "an empty slot has nothing to wait for");
        slot.Put(new Item(1));
        var taken = slot.WhenTakenAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(taken.IsCompleted);

        Assert.True(slot.TryTake(out _));
        await taken.WaitAsync(TimeSpan.FromSeconds(10));

        slot.Put(new Item(2));
        var again = slot.WhenTakenAsync(CancellationToken.None);
        Assert.True((await slot.TakeAsync(CancellationToken.None)).Ok);
        await again.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WhenTaken_EndsWithTheSlot_AndHonoursCancellation()
    {
        using var slot = new LatestSlot<Item>();
        slot.Put(new Item(1));
        var waiting = slot.WhenTakenAsync(CancellationToken.None);
        slot.Complete();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(slot.WhenTakenAsync(CancellationToken.None).IsCompleted, "a completed slot is never taken from again by a writer");

        using var other = new LatestSlot<Item>();
        other.Put(new Item(2));
        using var cancel = new CancellationTokenSource();
        var cancelled = other.WhenTakenAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Take_HonoursCancellation()
    {
        using var slot = new LatestSlot<Item>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await slot.TakeAsync(cancel.Token));
    }

    [Fact]
    public void Dispose_DisposesTheWaitingItem()
    {
        var item = new Item(1);
        using (var slot = new LatestSlot<Item>())
        {
            slot.Put(item);
        }

        Assert.True(item.Disposed);
    }
}
