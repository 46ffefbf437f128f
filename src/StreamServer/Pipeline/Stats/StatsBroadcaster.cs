using Microsoft.Extensions.Options;
using PortraitStream.Inference.Onnx;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Stats;

/// <summary>
/// Hands each live session's <see cref="StreamStats"/> to its watchers (<see cref="SessionRecord.Publish"/>: the browser
/// that opened it, controllers attached to it) every <see cref="PipelineOptions.StatsInterval"/>; watchers never make
/// it wait. Each snapshot's round-trip time and target bitrate are also the samples of those two <see cref="ServerMetrics"/>.
/// </summary>
internal sealed class StatsBroadcaster(
    SessionRegistry registry, OnnxSessionFactory sessions, IOptions<PipelineOptions> options, TimeProvider time,
    ServerMetrics metrics)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StatsInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var record in registry.Live())
                {
                    var control = record.Control;
                    var preset = control.View.Preset is { } p ? ViewPresets.Names[(int)p] : null;
                    var stats = control.Statistics.Snapshot(sessions.Provider.Name, control.Model, control.Quality, preset, control.Paused)
                        with
                        {
                            QualityCap = control.QualityCap,
                            Background = control.Background.Setting.ToString(),
                            PosesDropped = control.PosesDropped,
                        };
                    record.Publish(stats);
                    Record(stats);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }

    private void Record(StreamStats stats)
    {
        // No RTT until the browser's first receiver report answers one of our sender reports.
        if (stats.RttMs is { } rtt)
        {
            metrics.RoundTripTime.Record(rtt / 1000);
        }

        metrics.TargetBitrate.Record(stats.TargetKbps * 1000.0);
    }
}
