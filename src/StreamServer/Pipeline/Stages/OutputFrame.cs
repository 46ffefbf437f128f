using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>A picture ready for the video encoder (pooled I420), with the input frame's capture time.</summary>
internal sealed record OutputFrame(I420Frame Picture, TimeSpan CaptureTime, FrameTimings Timings) : IDisposable
{
    public void Dispose() => Picture.Dispose();
}
