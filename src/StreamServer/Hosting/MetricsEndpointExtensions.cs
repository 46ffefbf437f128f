using PortraitStream.Server.Diagnostics;
using Prometheus;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// <c>AddServerMetrics()</c>: the server's instruments (<see cref="ServerMetrics"/>) and their Prometheus export;
/// <c>MapServerMetrics()</c>: <c>GET /metrics</c> in the Prometheus text format. The only place that knows the exporter.
/// </summary>
internal static class MetricsEndpointExtensions
{
    public const string Path = "/metrics";

    public static IServiceCollection AddServerMetrics(this IServiceCollection services)
    {
        services.AddMetrics(); // IMeterFactory (the web host registers it too; this keeps the server's own needs explicit)
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton(_ => Metrics.NewCustomRegistry());
        services.AddSingleton<PrometheusExport>();
        services.AddHostedService(sp => sp.GetRequiredService<PrometheusExport>());
        return services;
    }

    /// <summary>The endpoint; the host attaches the metrics policy (Auth:Token or a JWT unless Auth:OpenMetrics) to it.</summary>
    public static IEndpointConventionBuilder MapServerMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapMetrics(Path, app.Services.GetRequiredService<CollectorRegistry>());
    }
}
