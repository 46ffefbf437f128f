using Microsoft.Extensions.Logging;

namespace PortraitStream.Server.Pipeline.Health;

/// <summary>
/// Loads the default model bundle in the background as the server starts, instead of on the first session's first
/// frame: the first user does not wait for it, and readiness (<see cref="DefaultModelCheck"/>) turns true once it is in.
/// A bundle that fails to load is logged; the catalog tries again on the next <see cref="ModelCatalog.Get"/>.
/// </summary>
internal sealed class DefaultModelWarmup(ModelCatalog models, ILogger<DefaultModelWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            _ = models.Default;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            PipelineLog.DefaultModelFailed(logger, ModelCatalog.DefaultName, e);
        }
    }, stoppingToken);
}
