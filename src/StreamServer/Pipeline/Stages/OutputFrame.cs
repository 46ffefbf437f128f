using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>A picture ready for the video encoder (pooled I420), with the input frame's RTP timestamp.</summary>
internal sealed record OutputFrame(I420Frame Picture, uint RtpTimestamp, FrameTimings Timings) : IDisposable
{
    public void Dispose() => Picture.Dispose();
}
