using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortraitStream.Renderer;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// Ready once the renderer is up: the factory made its process-wide choice (one Vulkan device, or the CPU reference
/// renderer) — <see cref="StartupChoices"/> makes it as the server starts, and a forced device that cannot be opened
/// stops the start. The description names what renders.
/// </summary>
internal sealed class RendererCheck(VolumeRendererFactory renderers) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(RendererDevice.Describe(renderers)));
}
