using System.Diagnostics;
using PortraitStream.Server.Pipeline.Stats;
using PortraitStream.Server.Signalling;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// Regression for issue #17 finding 4: the stats pusher awaited each browser in turn, so one browser that stopped
/// reading stalled every session's stats. Pushes now go through per-connection outboxes that never make the caller
/// wait, hold at most the latest stats for a slow reader, and keep healthy browsers on time.
/// </summary>
[Collection(nameof(DeliveryTiming))]
public sealed class ClientPushesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    internal static readonly StreamStats Sample = new(10, 10, new Dictionary<string, double>(), 100, 0, null, 800, 700,
        "CPU", "cpu", "tracking", false, null, null, "relief", 192, "reference", 6, null, false, 0);

    [Fact]
    public async Task StalledClient_DoesNotDelayHealthyClients_AndHoldsOnlyTheLatestStats()
    {
        var hub = new RecordingHubContext { Stalled = { "stalled" } };
        var pushes = new ClientPushes(hub);
        const int Ticks = 40;
        for (var tick = 0; tick < Ticks; tick++)
        {
            var started = Stopwatch.GetTimestamp();
            // The broadcaster's order: the stalled browser first, as an unlucky dictionary order would have it.
            pushes.Stats("stalled", Sample);
            pushes.Stats("healthy-1", Sample);
            pushes.Stats("healthy-2", Sample);
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(100), "a push made its caller wait");
            await Task.Delay(25);
        }

        foreach (var healthy in new[] { "healthy-1", "healthy-2" })
        {
            var arrivals = await ArrivalsAsync(hub, healthy, Ticks);
            Assert.InRange(arrivals.Count, Ticks - 2, Ticks);
            var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b)).Order().ToList();
            Assert.True(gaps[(int)(gaps.Count * 0.99)] < TimeSpan.FromSeconds(1), $"p99 gap {gaps[(int)(gaps.Count * 0.99)]}");
        }
        Assert.Equal(1, hub.SendsStarted("stalled")); // one send in flight, the rest replaced, not queued
        Assert.True(pushes.Superseded >= Ticks - 2, $"{pushes.Superseded} superseded");
    }

    [Fact]
    public async Task PeerClosed_IsNotReplacedByStats()
    {
        var hub = new RecordingHubContext();
        var pushes = new ClientPushes(hub);
        pushes.PeerClosed("c", "ICE consent expired");
        pushes.Stats("c", Sample);
        Assert.Equal(2, (await ArrivalsAsync(hub, "c", 2)).Count);
    }

    /// <summary>
    /// The pushes that reached <paramref name="connectionId"/> once <paramref name="expected"/> have, or once
    /// <see cref="Deadline"/> has passed: outboxes deliver on the thread pool, which a loaded machine can hold back for
    /// longer than any fixed pause.
    /// </summary>
    private static async Task<IReadOnlyList<long>> ArrivalsAsync(RecordingHubContext hub, string connectionId, int expected)
    {
        var waited = Stopwatch.StartNew();
        while (hub.ArrivalTicks(connectionId).Count < expected && waited.Elapsed < Deadline)
        {
            await Task.Delay(10);
        }
        return hub.ArrivalTicks(connectionId);
    }
}
