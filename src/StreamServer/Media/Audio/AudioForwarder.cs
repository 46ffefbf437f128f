using System.Diagnostics;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Media.Audio;

/// <summary>
/// Forwards one session's Opus audio to a sink (the session's <see cref="AudioFanOut"/>: its own peer, for a browser that
/// sees and hears its rendered self, and its WHEP viewers) through an <see cref="AudioDelayLine"/> that waits out the
/// source's <see cref="IMediaSession.AudioDelay"/>, so sound and rendered video of one instant leave together (ITU-R
/// BT.1359: at most 45 ms ahead or 125 ms behind). Runs beside the session's video handler until the source's audio
/// ends or it is cancelled.
/// </summary>
internal static class AudioForwarder
{
    /// <summary>
    /// 5 ms: the pacing step, a quarter of a usual 20 ms Opus packet, so a packet leaves within 5 ms of its due time (far
    /// inside the sync target) without waking more often than the peer connection's own ticks do.
    /// </summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);

    // 256 packets of 20 ms: five seconds, more than MediaTimeline.MaxAudioDelay asks to hold.
    private const int Capacity = 256;

    /// <summary>Forwards <paramref name="source"/>'s audio to <paramref name="target"/> until the audio ends, counted in <paramref name="metrics"/>.</summary>
    public static async Task RunAsync(IMediaSession source, IAudioSink target, AudioMetrics metrics, CancellationToken cancellationToken)
    {
        var line = new AudioDelayLine(Capacity);
        var gate = new Lock();
        var reading = Task.Run(async () =>
        {
            await foreach (var packet in source.ReceiveAudioAsync(cancellationToken).ConfigureAwait(false))
            {
                AudioDrop drop;
                lock (gate)
                {
                    drop = line.Add(packet);
                }

                metrics.OnReceived(drop);
            }
        }, cancellationToken);
        using var pacer = new PeriodicTimer(Step);
        try
        {
            while (!reading.IsCompleted && await pacer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (gate)
                {
                    var delay = source.AudioDelay;
                    while (line.TryTakeDue(Stopwatch.GetTimestamp(), delay, out var packet, out long due))
                    {
                        if (target.TrySendAudio(packet, due))
                        {
                            metrics.Forwarded.Add(1);
                            metrics.Delay.Record(delay.TotalSeconds);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }

        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
