using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// A picture ready for the video encoder (pooled I420), with the input frame's capture time and, when a viewer's pose
/// steered its camera, that pose and where the picture lies for the viewer. A pose-only frame (<see cref="PoseOnly"/>)
/// re-renders held triplanes at a new pose: its capture time is the held camera frame's, and the transmit loop stamps
/// it anew (<see cref="PoseFrameClock"/>); it is no camera frame, so its timings stay out of the latency figures.
/// </summary>
internal sealed record OutputFrame(I420Frame Picture, TimeSpan CaptureTime, FrameTimings Timings, ViewerPose? Pose = null, PictureQuad Quad = default)
    : IDisposable
{
    public bool PoseOnly { get; init; }

    /// <summary>
    /// When its render took its view — a camera frame's after its field, grid and far layer were prepared (<see cref="ViewRenderer.Prepare"/>)
    /// — and when the render was done (Stopwatch ticks; 0: not known): pose-to-photon's parts (<see cref="Stats.PoseLatencyParts"/>).
    /// </summary>
    public long ViewLatchedTicks { get; init; }

    /// <inheritdoc cref="ViewLatchedTicks"/>
    public long RenderedTicks { get; init; }

    /// <summary>
    /// A pose-only frame rendered ahead of a camera frame the render stage holds (<see cref="PoseDeadline"/>): that
    /// frame's capture time, which the pose frame's stamp must stay below (<see cref="PoseFrameClock.PoseFrameTime"/>).
    /// </summary>
    public TimeSpan? SendBefore { get; init; }

    public void Dispose() => Picture.Dispose();
}
