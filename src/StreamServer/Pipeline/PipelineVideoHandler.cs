using Microsoft.Extensions.Logging;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Pipeline;

/// <summary>The server's default mode: every session runs a <see cref="PortraitPipeline"/> steered by its connection's controls.</summary>
internal sealed class PipelineVideoHandler(PipelineServices services, SessionRegistry registry, ILogger<PortraitPipeline> logger) : IVideoSessionHandler
{
    public Task RunAsync(string connectionId, PeerConnection connection, CancellationToken cancellationToken) =>
        new PortraitPipeline(connectionId, connection, registry.For(connectionId), services, logger).RunAsync(cancellationToken);
}
