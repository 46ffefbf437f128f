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
        await Task.Delay(100);

        foreach (var healthy in new[] { "healthy-1", "healthy-2" })
        {
            var arrivals = hub.ArrivalTicks(healthy);
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
        for (var i = 0; i < 50 && hub.ArrivalTicks("c").Count < 2; i++)
        {
            await Task.Delay(10);
        }
        Assert.Equal(2, hub.ArrivalTicks("c").Count);
    }
}
