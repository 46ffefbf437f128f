using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// A picture ready for the video encoder (pooled I420), with the input frame's capture time and, when a viewer's pose
/// steered its camera, that pose and where the picture lies for the viewer.
/// </summary>
internal sealed record OutputFrame(I420Frame Picture, TimeSpan CaptureTime, FrameTimings Timings, ViewerPose? Pose = null, PictureQuad Quad = default)
    : IDisposable
{
    public void Dispose() => Picture.Dispose();
}
