using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// A camera frame after face tracking and the encoder: its triplanes (null while no face is tracked), the bundle that
/// made them (the renderer needs its decoder and rendering settings), the tracking state and the tracked head's yaw and
/// pitch (frontal while no face is tracked).
/// </summary>
internal sealed record AnalysedFrame(CameraFrame Camera, ModelBundle Bundle, FaceTrackState Face, TriplaneLease? Triplanes,
    HeadAngles Head, FrameTimings Timings) : IDisposable
{
    /// <summary>The aligned face the triplanes were encoded from (crop, matte): the background layer's source. Null without triplanes.</summary>
    public AlignedFace? Aligned { get; init; }

    /// <summary>Which per-frame networks ran on this frame and which reused their last result.</summary>
    public AnalysisWork Work { get; init; }

    public void Dispose() => Triplanes?.Dispose();
}

/// <summary>
/// What the analyse stage's per-frame networks did on one frame (the counters <c>analyse.networks</c> count it);
/// <c>PictureMatte</c> is the person matte run on the whole picture, for keep's and blur's room beyond the crop.
/// </summary>
internal readonly record struct AnalysisWork(NetworkUse Mesh, NetworkUse Matte, NetworkUse PictureMatte = NetworkUse.None);
