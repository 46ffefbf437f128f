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
/// The audio instruments as the forwarder records them (an in-memory session, the real forwarder and delay line, a
/// listener on the meter): packets taken in and sent on, drops by reason — the receivers' arrival drops read from the
/// packet errors' opus layer, the delay line's counted as they happen — and one delay sample per packet sent.
/// </summary>
public sealed class AudioMetricsTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PacketTime = TimeSpan.FromMilliseconds(20);

    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _recorded = new();

    [Fact]
    public async Task Forwarder_CountsPacketsInOutAndDroppedByReason_AndOneDelaySamplePerPacketSent()
    {
        var server = new ServerMetrics(_meters.GetRequiredService<IMeterFactory>());
        var arrivals = new Dictionary<(string Layer, string Reason), long>
        {
            [("opus", "oversized")] = 3,
            [("opus", "foreign_ssrc")] = 2,
            [("srtp", "replayed")] = 9,
        };
        var metrics = new AudioMetrics(server, () => arrivals);
        Listen(server.Meter);
        var session = new InMemoryMediaSession("s");
        var sink = new TakingSink();
        var forwarding = AudioForwarder.RunAsync(session, sink, metrics, CancellationToken.None);

        for (int i = 0; i < 5; i++)
        {
            Receive(session, i * PacketTime);
        }

        await WaitForAsync(() => sink.Taken == 5);
        Receive(session, 4 * PacketTime);   // the last one sent, again: a duplicate
        Receive(session, 2.5 * PacketTime); // earlier than one already sent: too late to place
        await WaitForAsync(() => Recorded("audio.packets.received") == 7);
        session.Close("ended");
        await forwarding.WaitAsync(Deadline);
        _listener.RecordObservableInstruments();

        Assert.Equal(5, Recorded("audio.packets.forwarded"));
        Assert.Equal(5, Recorded("audio.delay.seconds#samples"));
        Assert.Equal(1, Recorded("audio.packets.dropped{late}"));
        Assert.Equal(1, Recorded("audio.packets.dropped{duplicate}"));
        Assert.Equal(0, Recorded("audio.packets.dropped{delay_overflow}"));
        Assert.Equal(3, Recorded("audio.packets.dropped{oversized}"));
        Assert.Equal(2, Recorded("audio.packets.dropped{foreign_ssrc}"));
        Assert.DoesNotContain("audio.packets.dropped{replayed}", _recorded.Keys); // another layer's drop, not audio's
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    private void Listen(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string key = tags.Length == 0 ? instrument.Name : $"{instrument.Name}{{{tags[0].Value}}}";
            // An observable counter reports its running total; a plain one each increment.
            _recorded.AddOrUpdate(key, value, (_, sum) => instrument is ObservableCounter<long> ? value : sum + value);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
            _recorded.AddOrUpdate(instrument.Name + "#samples", 1, (_, count) => count + 1));
        _listener.Start();
    }

    private double Recorded(string key) => _recorded.GetValueOrDefault(key);

    private static void Receive(InMemoryMediaSession session, TimeSpan capture) =>
        session.ReceiveAudio(new ReceivedAudioPacket(new byte[] { 0xF8, 0xFF, 0xFE }, capture, Stopwatch.GetTimestamp(), Marker: false));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < Deadline, $"not within {Deadline}");
            await Task.Delay(10);
        }
    }

    private sealed class TakingSink : IAudioSink
    {
        private int _taken;

        public int Taken => Volatile.Read(ref _taken);

        public bool TrySendAudio(ReceivedAudioPacket packet, long dueTicks)
        {
            Interlocked.Increment(ref _taken);
            return true;
        }
    }
}
