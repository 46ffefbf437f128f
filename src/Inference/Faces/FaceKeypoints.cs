using System.Numerics;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// BlazeFace's six keypoints in image pixels (x right, y down). "Right" and "left" are the subject's own (MediaPipe's
/// order): in an unmirrored photo the subject's right eye appears on the image's left.
/// </summary>
public readonly record struct FaceKeypoints(
    Vector2 RightEye, Vector2 LeftEye, Vector2 NoseTip, Vector2 Mouth, Vector2 RightEar, Vector2 LeftEar)
{
    public const int Count = 6;

    public Vector2 EyeCenter => (RightEye + LeftEye) / 2;

    public float EyeDistance => Vector2.Distance(RightEye, LeftEye);

    /// <summary>Keypoint <paramref name="index"/> in MediaPipe order (0 right eye … 5 left ear).</summary>
    public Vector2 this[int index] => index switch
    {
        0 => RightEye, 1 => LeftEye, 2 => NoseTip, 3 => Mouth, 4 => RightEar, 5 => LeftEar,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public static FaceKeypoints FromPoints(ReadOnlySpan<Vector2> points) => points.Length == Count
        ? new(points[0], points[1], points[2], points[3], points[4], points[5])
        : throw new ArgumentException($"need {Count} keypoints, got {points.Length}", nameof(points));

    /// <summary>Every keypoint mapped through <paramref name="map"/>.</summary>
    public FaceKeypoints Select(Func<Vector2, Vector2> map) =>
        new(map(RightEye), map(LeftEye), map(NoseTip), map(Mouth), map(RightEar), map(LeftEar));
}
