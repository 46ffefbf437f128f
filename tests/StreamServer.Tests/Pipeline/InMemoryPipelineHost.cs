using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Hosting;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// The server's own composition without a web host started (real ONNX Runtime, renderer, default model), for running
/// the pipeline on an <see cref="InMemoryMediaSession"/>.
/// </summary>
internal sealed class InMemoryPipelineHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InMemoryPipelineHost(WebApplication app)
    {
        _app = app;
        Registry = app.Services.GetRequiredService<SessionRegistry>();
        Metrics = app.Services.GetRequiredService<ServerMetrics>();
        Handler = new PipelineVideoHandler(app.Services.GetRequiredService<PipelineServices>(), Registry, NullLogger<PortraitPipeline>.Instance);
    }

    public SessionRegistry Registry { get; }

    public PipelineVideoHandler Handler { get; }

    /// <summary>The instruments the pipeline records into.</summary>
    public ServerMetrics Metrics { get; }

    public static InMemoryPipelineHost Create()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddPortraitStream();
        return new InMemoryPipelineHost(builder.Build());
    }

    /// <summary>The committed portrait, the camera picture the tests feed in.</summary>
    public static Task<RgbImage> PortraitAsync() => new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png"));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
