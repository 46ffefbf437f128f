namespace PortraitStream.Inference.Faces;

/// <summary>Tuning of <see cref="FaceTracker"/>.</summary>
public sealed record FaceTrackerOptions
{
    /// <summary>
    /// Search the whole frame on every k-th frame while a face is tracked (every frame while none is); the frames
    /// between follow the face where it was, one detector pass on the square around it.
    /// </summary>
    public int DetectEvery { get; init; } = 3;

    /// <summary>
    /// While no face is tracked (searching, or holding a lost one), the detector's zoomed search — six more inferences,
    /// for faces too small for the whole-frame pass — runs on every k-th frame; the whole-frame pass on every frame. A
    /// small face is found within k frames (100 ms at 30 fps), and a camera with nobody in view costs a third of it.
    /// </summary>
    public int ZoomedSearchEvery { get; init; } = 3;

    /// <summary>How long the last good crop is kept when the face is lost, before the state becomes "no face".</summary>
    public TimeSpan HoldWhenLost { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Side of the square crop handed to the encoder (pixels).</summary>
    public int CropSize { get; init; } = 256;

    public FaceFraming Framing { get; init; } = FaceFraming.Default;

    /// <summary>
    /// A tracked face's new detection moves the crop only when one of its eyes, nose or mouth moved more than this
    /// share of the face box's side from the detection the crop follows; otherwise that detection stands. The detector
    /// reads a still face a pixel apart from one framing to the next (the whole-frame search's refinement square and
    /// the follow's are not the same) and from one camera noise to the next; the smoothing below would pass that on as
    /// a slow wobble of the crop. 3 % of a 100 px face is 3 px, under 1.5 % of the crop.
    /// </summary>
    public float StillWithin { get; init; } = 0.03f;

    /// <summary>1€ filter for the crop centre: min cutoff (Hz) and speed coefficient (Hz per px/s).</summary>
    public (float MinCutoff, float Beta) CenterSmoothing { get; init; } = (1.5f, 0.02f);

    /// <summary>1€ filter for log(crop side) and roll (radians): min cutoff (Hz) and speed coefficient.</summary>
    public (float MinCutoff, float Beta) ShapeSmoothing { get; init; } = (1.0f, 0.5f);

    /// <summary>
    /// 1€ filter for head yaw and pitch (degrees): min cutoff (Hz) and speed coefficient (Hz per °/s), the shape
    /// filter's tuning in degrees. The keypoint estimates jitter by a degree or two from frame to frame.
    /// </summary>
    public (float MinCutoff, float Beta) HeadSmoothing { get; init; } = (1.0f, 0.01f);

    /// <summary>
    /// 1€ smoothing of the face mesh's crop-pixel coordinates: holds a still face's landmarks to a fraction of a pixel
    /// and lets lips and eyelids move (β: the cutoff rises 1 Hz per 20 px/s).
    /// </summary>
    public (float MinCutoff, float Beta) MeshSmoothing { get; init; } = (1.5f, 0.05f);

    /// <summary>
    /// While the face is still (<see cref="FaceStillness"/>), the face mesh runs on every k-th frame and the frames
    /// between reuse its measurement; 1 runs it on every tracked frame.
    /// </summary>
    public int MeshRefreshEvery { get; init; } = 4;

    /// <summary>
    /// Average a still crop's noise over frames (<see cref="CropDenoiser"/>: per pixel, anything that moves passes
    /// through at once). Off for measurements that compare single frames with the tracker's crops.
    /// </summary>
    public bool DenoiseCrop { get; init; } = true;

    public static FaceTrackerOptions Default { get; } = new();
}
