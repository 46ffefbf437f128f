namespace PortraitStream.Inference.Faces;

/// <summary>Tuning of <see cref="BlazeFaceDetector"/>; the defaults are MediaPipe's for the short-range model.</summary>
public sealed record FaceDetectorOptions
{
    /// <summary>Minimum confidence for a detection.</summary>
    public float ScoreThreshold { get; init; } = 0.75f;

    /// <summary>Overlap above which two candidates are the same face.</summary>
    public float IouThreshold { get; init; } = 0.3f;

    /// <summary>Most faces reported per image, best first.</summary>
    public int MaxFaces { get; init; } = 4;

    /// <summary>Run a second, roll-corrected pass around each face for precise keypoints (one more inference per face).</summary>
    public bool Refine { get; init; } = true;

    /// <summary>
    /// When the whole-image pass finds no face, search again at twice the zoom (<see cref="ZoomedSearchTiles"/>): faces
    /// down to about 1/13 of the image's longer side rather than 1/6.5, for six more inferences on frames without one.
    /// </summary>
    public bool ZoomedSearch { get; init; } = true;

    public static FaceDetectorOptions Default { get; } = new();
}
