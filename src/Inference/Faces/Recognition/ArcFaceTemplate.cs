using System.Numerics;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces.Recognition;

/// <summary>
/// ArcFace's five-point alignment template (InsightFace's 112 × 112 reference positions of the eye centres, nose tip
/// and mouth corners, as in the ArcFace paper's training data): a face cut so its landmarks fall there is what such
/// descriptor networks were trained on. BlazeFace gives the eyes, the nose tip and the mouth's centre; the template's
/// mouth is the mean of its two corners. The crop is the similarity transform (scale, rotation, shift) that puts the
/// four points closest to the template in the least-squares sense.
/// </summary>
public static class ArcFaceTemplate
{
    private const float TemplateSize = 112f;

    // Image-left eye (the subject's right), image-right eye, nose tip, mouth centre; pixel centres at integers there.
    private static readonly Vector2[] Points =
    [
        new(38.2946f, 51.6963f),
        new(73.5318f, 51.5014f),
        new(56.0252f, 71.7366f),
        new((41.5493f + 70.7299f) / 2, (92.3655f + 92.2041f) / 2),
    ];

    /// <summary>The map from a <paramref name="size"/>² crop's pixels to <paramref name="keypoints"/>' image.</summary>
    public static AffineTransform2D CropToImage(FaceKeypoints keypoints, int size)
    {
        ReadOnlySpan<Vector2> image = [keypoints.RightEye, keypoints.LeftEye, keypoints.NoseTip, keypoints.Mouth];
        // Template points in the crop's convention (pixel centres at half-integers), scaled to its size.
        Span<Vector2> crop = stackalloc Vector2[Points.Length];
        for (var i = 0; i < Points.Length; i++)
        {
            crop[i] = (Points[i] + new Vector2(0.5f)) * (size / TemplateSize);
        }
        var (scale, rotation, shift) = PlaneSimilarity.Fit(crop, image);
        var (a, b) = (scale * rotation.X, scale * rotation.Y);
        return new AffineTransform2D(a, -b, b, a, shift.X, shift.Y);
    }
}
