using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Audio;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Tests.Pipeline;

namespace PortraitStream.Server.Tests.Media.Audio;

/// <summary>
/// One session's audio read once and heard by many (its own peer, its WHEP viewers): an in-memory session's packets go
/// through the real <see cref="AudioForwarder"/> and <see cref="AudioFanOut"/> to recording sinks, no sockets.
/// </summary>
public sealed class AudioFanOutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PacketTime = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task OneReader_FeedsEverySink_ALateOneHearsFromItsJoin_ALeavingOneHearsNoMore_TheEndStopsIt()
    {
        var session = new InMemoryMediaSession("s");
        var fanOut = new AudioFanOut();
        RecordingSink early = new(takes: true), leaving = new(takes: true), unsecured = new(takes: false), late = new(takes: true);
        fanOut.Add(early);
        fanOut.Add(leaving);
        fanOut.Add(unsecured); // a viewer still in DTLS: takes nothing, holds nobody up
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new AudioMetrics(new ServerMetrics(meters.GetRequiredService<IMeterFactory>()), () => new Dictionary<(string, string), long>());
        var forwarding = AudioForwarder.RunAsync(session, fanOut, metrics, CancellationToken.None);

        Receive(session, 0, 10);
        await WaitForAsync(() => early.Heard.Count == 10 && leaving.Heard.Count == 10);
        fanOut.Add(late);
        fanOut.Remove(leaving);
        Receive(session, 10, 10);
        await WaitForAsync(() => early.Heard.Count == 20 && late.Heard.Count == 10);

        Assert.Equal(Captures(0, 20), early.Heard.Select(h => h.CaptureTime));
        Assert.Equal(Captures(0, 10), leaving.Heard.Select(h => h.CaptureTime));
        Assert.Equal(Captures(10, 10), late.Heard.Select(h => h.CaptureTime));
        Assert.Equal(20, unsecured.Offered);
        // With no video yet the delay is zero: each packet is due at its capture on our clock, for every sink alike.
        Assert.All(early.Heard, h => Assert.Equal(h.CapturedTicks, h.DueTicks));

        session.Close("ended");
        Assert.Same(forwarding, await Task.WhenAny(forwarding, Task.Delay(Deadline)));
        Assert.Equal(3, fanOut.Count);
    }

    [Fact]
    public void TrySendAudio_IsFalse_WhenNoSinkTakesThePacket()
    {
        var fanOut = new AudioFanOut();
        var packet = new ReceivedAudioPacket(new byte[] { 0xF8 }, TimeSpan.Zero, Stopwatch.GetTimestamp(), Marker: true);
        Assert.False(fanOut.TrySendAudio(packet, packet.CapturedTicks));

        fanOut.Add(new RecordingSink(takes: false));
        Assert.False(fanOut.TrySendAudio(packet, packet.CapturedTicks));

        fanOut.Add(new RecordingSink(takes: true));
        Assert.True(fanOut.TrySendAudio(packet, packet.CapturedTicks));
    }

    private static void Receive(InMemoryMediaSession session, int first, int count)
    {
        foreach (var capture in Captures(first, count))
        {
            session.ReceiveAudio(new ReceivedAudioPacket(new byte[] { 0xF8, 0xFF, 0xFE }, capture, Stopwatch.GetTimestamp(), Marker: false));
        }
    }

    private static IEnumerable<TimeSpan> Captures(int first, int count) => Enumerable.Range(first, count).Select(i => i * PacketTime);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < Deadline, $"not within {Deadline}");
            await Task.Delay(10);
        }
    }

    private sealed class RecordingSink(bool takes) : IAudioSink
    {
        private int _offered;

        public ConcurrentQueue<(TimeSpan CaptureTime, long CapturedTicks, long DueTicks)> Heard { get; } = new();

        public int Offered => _offered;

        public bool TrySendAudio(ReceivedAudioPacket packet, long dueTicks)
        {
            Interlocked.Increment(ref _offered);
            if (takes)
            {
                Heard.Enqueue((packet.CaptureTime, packet.CapturedTicks, dueTicks));
            }

            return takes;
        }
    }
}
