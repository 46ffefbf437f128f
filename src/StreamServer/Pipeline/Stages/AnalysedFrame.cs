using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// A camera frame after face tracking and the encoder: its triplanes (null while no face is tracked), the bundle that
/// made them (the renderer needs its decoder and rendering settings), the tracking state and the measured head yaw.
/// </summary>
public sealed record AnalysedFrame(CameraFrame Camera, ModelBundle Bundle, FaceTrackState Face, TriplaneLease? Triplanes,
    float HeadYawDegrees, FrameTimings Timings) : IDisposable
{
    public void Dispose() => Triplanes?.Dispose();
}
