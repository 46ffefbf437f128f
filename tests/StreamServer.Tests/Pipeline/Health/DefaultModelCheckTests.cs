using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PortraitStream.Inference.Onnx;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Health;

namespace PortraitStream.Server.Tests.Pipeline.Health;

/// <summary>Readiness waits for the default model: unhealthy while the catalog has not loaded it, healthy once it has.</summary>
public sealed class DefaultModelCheckTests
{
    [Fact]
    public async Task NotReady_UntilTheDefaultModelHasLoaded()
    {
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        using var models = new ModelCatalog(sessions, Options.Create(new PipelineOptions()));
        var check = new DefaultModelCheck(models);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal($"model {ModelCatalog.DefaultName} not loaded yet", before.Description);

        _ = models.Default;
        var after = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }
}
