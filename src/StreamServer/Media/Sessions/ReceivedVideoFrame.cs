using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// One decoded picture from the peer (pooled: dispose it), captured at <paramref name="CaptureTime"/> on the peer's
/// clock (its first frame's timestamp onwards, never going back), that arrived at <paramref name="ArrivedTicks"/>
/// (Stopwatch ticks, before decoding).
/// </summary>
internal sealed record ReceivedVideoFrame(I420Frame Picture, TimeSpan CaptureTime, long ArrivedTicks) : IDisposable
{
    public void Dispose() => Picture.Dispose();
}
