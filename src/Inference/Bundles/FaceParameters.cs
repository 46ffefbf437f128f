using System.Numerics;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// The face-parameter vectors a bundle may declare as an extra encoder input (model.json "encoder.face.kind").
/// </summary>
public static class FaceParameters
{
    /// <summary>
    /// "keypoints6": BlazeFace's six keypoints in the aligned crop, MediaPipe order (subject's right eye, left eye, nose
    /// tip, mouth, right ear, left ear), as x0, y0, x1, y1, … normalised by the crop side (x right, y down, [0, 1]).
    /// </summary>
    public const string Keypoints6 = "keypoints6";

    public const int Keypoints6Length = 12;

    /// <summary>Writes the "keypoints6" vector for keypoints given in crop pixels.</summary>
    public static void WriteKeypoints6(ReadOnlySpan<Vector2> cropKeypoints, int cropSize, Span<float> destination)
    {
        if (cropKeypoints.Length * 2 != Keypoints6Length || destination.Length != Keypoints6Length)
        {
            throw new ArgumentException($"need 6 keypoints and {Keypoints6Length} floats, got {cropKeypoints.Length} and {destination.Length}");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropSize);
        for (var i = 0; i < cropKeypoints.Length; i++)
        {
            destination[2 * i] = cropKeypoints[i].X / cropSize;
            destination[2 * i + 1] = cropKeypoints[i].Y / cropSize;
        }
    }
}
