using Microsoft.Extensions.Logging;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline;

/// <summary>The server's default mode: every session runs a <see cref="PortraitPipeline"/> steered by the controls of its record.</summary>
internal sealed class PipelineVideoHandler(PipelineServices services, SessionRegistry registry, ILogger<PortraitPipeline> logger) : IMediaSessionHandler
{
    public Task RunAsync(IMediaSession session, CancellationToken cancellationToken) =>
        new PortraitPipeline(session, registry.For(session), services, logger).RunAsync(cancellationToken);
}
