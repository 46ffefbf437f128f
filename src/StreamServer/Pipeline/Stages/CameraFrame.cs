using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>A decoded camera picture as RGB, with its capture time on the peer's clock, which the output frame keeps.</summary>
internal sealed record CameraFrame(RgbImage Image, TimeSpan CaptureTime, FrameTimings Timings) : IDisposable
{
    /// <summary>Nothing pooled: the RGB image is garbage-collected (one ~230 KB array per frame at 320×240).</summary>
    public void Dispose()
    {
    }
}
