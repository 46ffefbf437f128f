using Microsoft.Extensions.Logging;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Media.Echo;

/// <summary>
/// Echo mode (<c>--mode echo</c>): sends every picture of the peer's video straight back through its media session,
/// which decodes and re-encodes it. It exercises the whole media edge without the 3D pipeline.
/// </summary>
internal sealed partial class EchoVideoHandler(ILogger<EchoVideoHandler> logger) : IMediaSessionHandler
{
    /// <inheritdoc/>
    public async Task RunAsync(IMediaSession session, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in session.ReceiveVideoAsync(cancellationToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    session.TrySendVideo(frame.Picture, frame.CaptureTime, out _);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
        catch (Exception e) when (e is CodecException or ArgumentException)
        {
            // A codec that cannot go on (e.g. a size the library refuses) ends this session only.
            LogCodecFailure(logger, session.Id, e);
            session.Close("echo codec failed: " + e.Message);
        }
    }

    [LoggerMessage(5200, LogLevel.Warning, "Echo for session {Id} stopped: codec failure")]
    private static partial void LogCodecFailure(ILogger logger, string id, Exception exception);
}
