using System.Diagnostics.Metrics;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Sessions;
using Prometheus;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// Publishes this host's System.Diagnostics.Metrics instruments in <see cref="Registry"/>, which /metrics serves:
/// prometheus-net's MeterAdapter, limited to the meters this host's <see cref="IMeterFactory"/> made (the server's
/// own <see cref="ServerMetrics"/> and ASP.NET Core's, Kestrel's and SignalR's), plus prometheus-net's process
/// metrics (CPU, memory, handles, threads, GC) and an info metric naming the execution provider and the renderer.
/// A registry of its own rather than prometheus-net's static default one, so two hosts in one process (the tests run
/// several) never mix their figures. It takes the <see cref="MediaSessionTable"/> only so that the session and
/// packet-error instruments the table owns exist from the first scrape, not from the first offer.
/// </summary>
internal sealed class PrometheusExport(
    CollectorRegistry registry, IMeterFactory meters, ServerMetrics metrics, OnnxSessionFactory sessions, VolumeRendererFactory renderers,
    MediaSessionTable mediaSessions)
    : IHostedService, IDisposable
{
    private IDisposable? _adapter;

    public CollectorRegistry Registry { get; } = registry;

    /// <summary>Whose instruments are exported; held here for the reason the summary gives.</summary>
    public MediaSessionTable MediaSessions { get; } = mediaSessions;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        DotNetStats.Register(Registry);
        var provider = ServerMetrics.Tag("execution_provider", sessions.Provider.Name);
        var renderer = ServerMetrics.Tag("renderer", RendererDevice.Describe(renderers));
        metrics.Meter.CreateObservableGauge("info", () => new Measurement<int>(1, provider, renderer),
            description: "Always 1; the labels name the ONNX Runtime execution provider and what renders.");
        var defaults = new MeterAdapterOptions();
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = null, // else prometheus-net writes into its static default factory and ignores Registry
            // Every label set here is small and fixed (stages, slots, layers and reasons), so nothing needs reaping, and
            // an expired series would come back from 0: the longest expiry prometheus-net allows (a series idle a whole
            // day restarts from 0, which Prometheus' rate() reads as a counter reset).
            MetricsExpireAfter = TimeSpan.FromDays(1),
            InstrumentFilterPredicate = instrument => ReferenceEquals(instrument.Meter.Scope, meters),
            // The bucket bounds an instrument advises (ServerMetrics' histograms do), else prometheus-net's.
            ResolveHistogramBuckets = instrument =>
                (instrument as Instrument<double>)?.Advice?.HistogramBucketBoundaries?.ToArray() ?? defaults.ResolveHistogramBuckets(instrument),
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _adapter?.Dispose();
        _adapter = null;
    }
}
