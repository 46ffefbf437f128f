using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Media.Health;

/// <summary>
/// Ready while one more session would be admitted: a slot free under WebRtc:MaxSessions and no load check (the
/// renderer's) refusing. At the limit a load balancer should send new sessions elsewhere; existing ones carry on.
/// </summary>
internal sealed class SessionCapacityCheck(MediaSessionTable sessions) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(sessions.RefusalForAnotherSession() is { } refusal
            ? HealthCheckResult.Unhealthy(refusal)
            : HealthCheckResult.Healthy($"{sessions.Count} sessions open"));
}
