using System.Buffers;
using Microsoft.Extensions.Logging;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.WebRtc.Echo;

/// <summary>
/// Echo mode (<c>--mode echo</c>): decodes the browser's VP8 with libvpx and sends every picture back
/// re-encoded, at the REMB-driven bitrate, with a key frame whenever the browser asks. It exercises the
/// whole media edge without the 3D pipeline.
/// </summary>
internal sealed partial class EchoVideoHandler(ILogger<EchoVideoHandler> logger) : IVideoSessionHandler
{
    /// <inheritdoc/>
    public async Task RunAsync(string connectionId, PeerConnection connection, CancellationToken cancellationToken)
    {
        using var decoder = new Vp8Decoder();
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        var clock = new RtpTimestampUnwrapper();
        using var encoder = new Vp8StreamEncoder();
        try
        {
            await foreach (var frame in connection.Receiver.Frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    if (decoder.Decode(frame.Data, out var picture) == Vp8DecodeStatus.Failed)
                    {
                        connection.Receiver.RequestKeyFrame();
                        continue;
                    }

                    if (picture is null)
                    {
                        continue;
                    }

                    using (picture)
                    {
                        output.ResetWrittenCount();
                        if (encoder.TryEncode(picture, clock.Unwrap(frame.RtpTimestamp), connection.Sender.Bitrate.TargetBitrate,
                                connection.Sender.TakeKeyFrameRequest(), output, out _))
                        {
                            connection.Sender.SendFrame(output.WrittenSpan, frame.RtpTimestamp);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
        catch (Exception e) when (e is VpxException or ArgumentException)
        {
            // A codec that cannot go on (e.g. a size libvpx refuses) ends this session only.
            LogCodecFailure(logger, connection.Id, e);
            connection.Close("echo codec failed: " + e.Message);
        }
    }

    [LoggerMessage(5200, LogLevel.Warning, "Echo for peer connection {Id} stopped: codec failure")]
    private static partial void LogCodecFailure(ILogger logger, string id, Exception exception);
}
