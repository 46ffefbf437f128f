using System.Diagnostics.Metrics;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Media.Viewers;

/// <summary>
/// The viewers' instruments: how many watch, how many pictures were encoded for them and how many frames went out.
/// Frames sent over encodes is the sharing factor: with n viewers on one codec it is n, because one encode serves all.
/// </summary>
internal sealed class ViewerMetrics(ServerMetrics metrics)
{
    public UpDownCounter<int> Viewers { get; } =
        metrics.Meter.CreateUpDownCounter<int>("viewers", "{viewer}", "WHEP viewers watching, over all sessions.");

    public Counter<long> Encodes { get; } = metrics.Meter.CreateCounter<long>("viewer.encodes", "{frame}",
        "Pictures encoded for WHEP viewers, by codec: one per rendered picture and codec in use, however many viewers.");

    public Counter<long> FramesSent { get; } = metrics.Meter.CreateCounter<long>("viewer.frames.sent", "{frame}",
        "Encoded frames sent to WHEP viewers, by codec: one per encode and viewer.");

    public static KeyValuePair<string, object?> CodecTag(VideoCodec codec) =>
        ServerMetrics.Tag("codec", VideoPayloadFormat.EncodingName(codec).ToLowerInvariant());
}
