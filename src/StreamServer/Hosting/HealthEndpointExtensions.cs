using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PortraitStream.Server.Diagnostics;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// <c>GET /healthz</c>, liveness: 200 whenever the process serves HTTP (it runs no check, so a busy or not-yet-ready
/// server is never restarted for it). <c>GET /readyz</c>, readiness: every check tagged <see cref="Readiness.Tag"/>
/// (the renderer here; a free UDP port and a free session slot from WebRtc; the default model from the pipeline),
/// 200 when all pass, 503 otherwise, each check's verdict on a line of its own.
/// </summary>
internal static class HealthEndpointExtensions
{
    public static IServiceCollection AddServerHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<RendererCheck>("renderer", tags: [Readiness.Tag]);
        return services;
    }

    public static WebApplication MapServerHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Readiness.Tag),
            ResponseWriter = ReadinessReport.WriteAsync,
        });
        return app;
    }
}
