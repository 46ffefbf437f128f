namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>Which frame <see cref="ViewRenderer"/> renders, which says what it may keep from its previous render.</summary>
internal enum RenderKind
{
    /// <summary>A camera frame: its own triplanes, loaded anew, at the live sampler's full settings.</summary>
    CameraFrame,

    /// <summary>
    /// A camera frame rendered again at a newer viewer pose after its first attempt was abandoned
    /// (<see cref="PoseRestart"/>): the triplanes that attempt loaded, so their field and occupancy grid are kept; the
    /// full settings, so the picture is the camera frame's own.
    /// </summary>
    CameraFrameRestart,

    /// <summary>
    /// A pose-only frame: the triplanes the previous frame showed, at a new viewer pose; keeps their field and grid and
    /// marches the coarser geometry grid of <see cref="Renderer.LiveSampling.ForPoseFrame"/>.
    /// </summary>
    PoseFrame,
}
