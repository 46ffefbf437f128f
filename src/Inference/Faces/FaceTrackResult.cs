namespace PortraitStream.Inference.Faces;

/// <summary>Where a tracker stands after a frame.</summary>
public enum FaceTrackState
{
    /// <summary>A face is tracked; the crop follows it.</summary>
    Tracking,
    /// <summary>The face was lost recently; the last good crop is held.</summary>
    Holding,
    /// <summary>No face for longer than the hold time, or none yet.</summary>
    NoFace,
}

/// <summary>One frame's tracking outcome: the state, the aligned face unless the state is <see cref="FaceTrackState.NoFace"/>, and whether the detector ran.</summary>
public sealed record FaceTrackResult(FaceTrackState State, AlignedFace? Face, bool Detected)
{
    /// <summary>What the face mesh did on this frame: ran, reused the last measurement (a still face), or neither (no mesh, no tracked face).</summary>
    public NetworkUse Mesh { get; init; }
}
