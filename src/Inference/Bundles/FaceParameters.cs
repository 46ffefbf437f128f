using PortraitStream.Inference.Faces;

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

    public const int Keypoints6Length = 2 * FaceKeypoints.Count;

    /// <summary>The "keypoints6" vector of keypoints given in pixels of a <paramref name="cropSize"/>² crop.</summary>
    public static float[] ToKeypoints6(FaceKeypoints cropKeypoints, int cropSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropSize);
        var vector = new float[Keypoints6Length];
        for (var i = 0; i < FaceKeypoints.Count; i++)
        {
            vector[2 * i] = cropKeypoints[i].X / cropSize;
            vector[2 * i + 1] = cropKeypoints[i].Y / cropSize;
        }
        return vector;
    }

    /// <summary>The vector <paramref name="spec"/> declares for <paramref name="face"/>; empty when the encoder takes none.</summary>
    public static float[] For(FaceInputSpec? spec, AlignedFace face) => spec?.Kind switch
    {
        null => [],
        Keypoints6 => ToKeypoints6(face),
        // The manifest reader admits only the kinds above.
        var kind => throw new NotSupportedException($"face parameter kind \"{kind}\""),
    };

    /// <summary>The "keypoints6" vector of an aligned face.</summary>
    public static float[] ToKeypoints6(AlignedFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        return ToKeypoints6(face.Keypoints, face.Crop.Width);
    }
}
