using System.Numerics;
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

    /// <summary>
    /// "mesh468": MediaPipe's 468 face-mesh landmarks in the aligned crop as x0, y0, z0, x1, … all divided by the crop
    /// side (x right, y down; z depth on x's scale, smaller = nearer the camera, 0 near the face's centre).
    /// </summary>
    public const string Mesh468 = "mesh468";

    public const int Mesh468Length = 3 * Faces.Mesh.FaceMesh.LandmarkCount;

    /// <summary>The kinds this build can fill.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Keypoints6, Mesh468];

    /// <summary>The vector length of <paramref name="kind"/>, null for a kind this build does not know.</summary>
    public static int? LengthOf(string kind) => kind switch
    {
        Keypoints6 => Keypoints6Length,
        Mesh468 => Mesh468Length,
        _ => null,
    };

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
        Mesh468 => ToMesh468(face),
        // The manifest reader admits only the kinds above.
        var kind => throw new NotSupportedException($"face parameter kind \"{kind}\""),
    };

    /// <summary>The "keypoints6" vector of an aligned face.</summary>
    public static float[] ToKeypoints6(AlignedFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        return ToKeypoints6(face.Keypoints, face.Crop.Width);
    }

    /// <summary>The "mesh468" vector of an aligned face; the face must carry its mesh (a tracker with a face mesh fills it).</summary>
    public static float[] ToMesh468(AlignedFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        if (face.Mesh is not { Length: Faces.Mesh.FaceMesh.LandmarkCount } mesh)
        {
            throw new ArgumentException($"the encoder takes the face mesh ({Mesh468}), and this face has {(face.Mesh is null ? "none" : $"{face.Mesh.Length} landmarks")}: align it with a face mesh", nameof(face));
        }
        var side = (float)face.Crop.Width;
        var vector = new float[Mesh468Length];
        for (var i = 0; i < mesh.Length; i++)
        {
            Vector3 p = mesh[i] / side;
            (vector[3 * i], vector[3 * i + 1], vector[3 * i + 2]) = (p.X, p.Y, p.Z);
        }
        return vector;
    }
}
