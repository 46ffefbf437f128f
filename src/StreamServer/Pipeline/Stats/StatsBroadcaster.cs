using Microsoft.Extensions.Options;
using PortraitStream.Inference.Onnx;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Signalling;

namespace PortraitStream.Server.Pipeline.Stats;

/// <summary>
/// Hands each live session's <see cref="StreamStats"/> to its own browser every <see cref="PipelineOptions.StatsInterval"/>
/// through <see cref="ClientPushes"/>, which never waits on a browser: a slow reader cannot delay anyone's stats.
/// </summary>
internal sealed class StatsBroadcaster(
    SessionRegistry registry, ClientPushes pushes, OnnxSessionFactory sessions, IOptions<PipelineOptions> options, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StatsInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var (connectionId, control) in registry.Live())
                {
                    var preset = control.View.Preset is { } p ? ViewPresets.Names[(int)p] : null;
                    var stats = control.Statistics.Snapshot(sessions.Provider.Name, control.Model, control.Quality, preset, control.Paused)
                        with { QualityCap = control.QualityCap, Background = control.Background.Setting.ToString() };
                    pushes.Stats(connectionId, stats);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }
}
