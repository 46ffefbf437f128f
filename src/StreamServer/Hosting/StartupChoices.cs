using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// Makes the process-wide choices (execution provider, Vulkan device) when the server starts rather than on the first
/// session, so they are logged up front and a forced choice that cannot be met (Cuda, Vulkan) stops the start-up
/// with its message instead of failing a user's session later.
/// </summary>
internal sealed class StartupChoices(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetService<OnnxSessionFactory>();
        services.GetService<VolumeRendererFactory>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
