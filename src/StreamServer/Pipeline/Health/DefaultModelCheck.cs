using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortraitStream.Server.Pipeline.Health;

/// <summary>Ready once the default model bundle has loaded (<see cref="PipelineWarmup"/> starts it with the server).</summary>
internal sealed class DefaultModelCheck(ModelCatalog models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(models.IsLoaded(ModelCatalog.DefaultName)
            ? HealthCheckResult.Healthy($"model {ModelCatalog.DefaultName} loaded")
            : HealthCheckResult.Unhealthy($"model {ModelCatalog.DefaultName} not loaded yet"));
}
