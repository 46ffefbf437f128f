using Microsoft.Extensions.Options;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Pipeline.Scheduling;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer;

namespace PortraitStream.Server.Pipeline;

/// <summary>
/// What every session's pipeline shares: the ONNX Runtime sessions, the renderer factory (one Vulkan device), the
/// models, the server's metrics.
/// </summary>
internal sealed class PipelineServices(OnnxSessionFactory sessions, VolumeRendererFactory renderers, ModelCatalog models,
    RenderScheduler scheduler, IOptions<PipelineOptions> options, ServerMetrics metrics)
{
    public ServerMetrics Metrics { get; } = metrics;

    public RenderScheduler Scheduler { get; } = scheduler;
    public OnnxSessionFactory Sessions { get; } = sessions;
    public VolumeRendererFactory Renderers { get; } = renderers;
    public ModelCatalog Models { get; } = models;
    public PipelineOptions Options { get; } = options.Value;
}
