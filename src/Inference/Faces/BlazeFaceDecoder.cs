using System.Numerics;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// Turns one BlazeFace head's raw outputs into candidate detections in normalised input coordinates: per anchor a
/// logit score [N, 1] and 16 regressions [N, 16] — box centre offset (x, y) and size (w, h), then six keypoints
/// (x, y) — all in input pixels relative to the anchor centre.
/// </summary>
internal static class BlazeFaceDecoder
{
    public const int RegressionsPerAnchor = 16;

    /// <summary>Raw logits are clipped to ±this before the sigmoid, as MediaPipe's tensors-to-detections does.</summary>
    private const float ScoreClip = 100f;

    public static void Decode(BlazeFaceAnchors.Head head, ReadOnlySpan<float> scores, ReadOnlySpan<float> regressions,
        int inputSize, float threshold, List<FaceDetection> candidates)
    {
        var scale = 1f / inputSize;
        Span<Vector2> points = stackalloc Vector2[FaceKeypoints.Count];
        for (var i = 0; i < head.AnchorCount; i++)
        {
            var score = Sigmoid(Math.Clamp(scores[i], -ScoreClip, ScoreClip));
            if (score < threshold)
            {
                continue;
            }
            var anchor = head.Center(i);
            var r = regressions.Slice(i * RegressionsPerAnchor, RegressionsPerAnchor);
            var box = new FaceBox(anchor + new Vector2(r[0], r[1]) * scale, r[2] * scale, r[3] * scale);
            if (!(box.Width > 0 && box.Height > 0 && float.IsFinite(box.Center.X) && float.IsFinite(box.Center.Y)))
            {
                continue;
            }
            for (var k = 0; k < FaceKeypoints.Count; k++)
            {
                points[k] = anchor + new Vector2(r[4 + 2 * k], r[5 + 2 * k]) * scale;
            }
            candidates.Add(new FaceDetection(box, FaceKeypoints.FromPoints(points), score));
        }
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
