using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>A decoded camera picture as RGB, with the browser's RTP timestamp (90 kHz) that the output frame keeps.</summary>
internal sealed record CameraFrame(RgbImage Image, uint RtpTimestamp, TimeSpan CaptureTime, FrameTimings Timings) : IDisposable
{
    /// <summary>Nothing pooled: the RGB image is garbage-collected (one ~230 KB array per frame at 320×240).</summary>
    public void Dispose()
    {
    }
}
