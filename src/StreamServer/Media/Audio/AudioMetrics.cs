using System.Diagnostics.Metrics;
using PortraitStream.Server.Diagnostics;

namespace PortraitStream.Server.Media.Audio;

/// <summary>
/// The forwarded audio's instruments, over all sessions (no per-session labels, so the series stay few): Opus packets
/// taken from peers, packets sent on, packets dropped by reason, and the delay each packet waited to stay in sync with
/// the rendered video. Drops on arrival (another SSRC, oversized, malformed, a reader that fell behind) are the
/// receivers' own counts — <c>packet.errors</c>' <c>opus</c> layer, read through <paramref name="packetErrors"/>, since
/// they happen below Media — and drops in the delay line (late, duplicate, overflow) are counted here. Thread-safe.
/// </summary>
internal sealed class AudioMetrics
{
    private const string ArrivalLayer = "opus";

    private readonly Func<IReadOnlyDictionary<(string Layer, string Reason), long>> _packetErrors;
    private long _late, _duplicates, _overflowed;

    /// <param name="metrics">The server's meter.</param>
    /// <param name="packetErrors">Every session's packet errors since start, by layer and reason.</param>
    public AudioMetrics(ServerMetrics metrics, Func<IReadOnlyDictionary<(string Layer, string Reason), long>> packetErrors)
    {
        _packetErrors = packetErrors;
        Received = metrics.Meter.CreateCounter<long>("audio.packets.received", "{packet}",
            "Opus packets taken from peers (browsers' microphones, WHIP publishers) into their session's delay line.");
        Forwarded = metrics.Meter.CreateCounter<long>("audio.packets.forwarded", "{packet}",
            "Opus packets sent on when due, to the session's own peer and its WHEP viewers (counted once however many took it).");
        metrics.Meter.CreateObservableCounter("audio.packets.dropped", DroppedMeasurements, "{packet}",
            "Opus packets dropped, by reason: on arrival (foreign_ssrc, oversized, malformed, overflowed: packet.errors' opus layer) "
            + "or in the delay line (late, duplicate, delay_overflow).");
        Delay = metrics.AudioDelay;
    }

    public Counter<long> Received { get; }

    public Counter<long> Forwarded { get; }

    /// <summary>The delay a forwarded packet waited beyond its capture instant, one sample per packet.</summary>
    public Histogram<double> Delay { get; }

    /// <summary>Counts one packet taken into a delay line and what the line dropped for it.</summary>
    public void OnReceived(AudioDrop drop)
    {
        Received.Add(1);
        switch (drop)
        {
            case AudioDrop.Late:
                Interlocked.Increment(ref _late);
                break;
            case AudioDrop.Duplicate:
                Interlocked.Increment(ref _duplicates);
                break;
            case AudioDrop.Overflow:
                Interlocked.Increment(ref _overflowed);
                break;
        }
    }

    private IEnumerable<Measurement<long>> DroppedMeasurements()
    {
        foreach (var ((layer, reason), count) in _packetErrors())
        {
            if (layer == ArrivalLayer)
            {
                yield return new Measurement<long>(count, ServerMetrics.Tag("reason", reason));
            }
        }

        yield return new Measurement<long>(Interlocked.Read(ref _late), ServerMetrics.Tag("reason", "late"));
        yield return new Measurement<long>(Interlocked.Read(ref _duplicates), ServerMetrics.Tag("reason", "duplicate"));
        yield return new Measurement<long>(Interlocked.Read(ref _overflowed), ServerMetrics.Tag("reason", "delay_overflow"));
    }
}
