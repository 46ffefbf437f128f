using System.Numerics;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// MediaPipe's "weighted" non-maximum suppression: candidates are taken best first; every remaining candidate that
/// overlaps the best by more than the IoU threshold joins its cluster, and the cluster's box and keypoints become the
/// score-weighted mean of its members. Blending (rather than keeping only the best) steadies the keypoints, which
/// matters for a crop that must not jitter from frame to frame.
/// </summary>
internal static class WeightedNonMaxSuppression
{
    public static List<FaceDetection> Apply(List<FaceDetection> candidates, float iouThreshold, int maxFaces)
    {
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var result = new List<FaceDetection>();
        Span<Vector2> points = stackalloc Vector2[FaceKeypoints.Count];
        while (remaining.Count > 0 && result.Count < maxFaces)
        {
            // The best candidate overlaps itself fully, so every cluster holds at least it.
            var best = remaining[0];
            var cluster = remaining.Where(c => c.Box.IntersectionOverUnion(best.Box) > iouThreshold).ToList();
            remaining.RemoveAll(cluster.Contains);

            var total = cluster.Sum(c => c.Score);
            var center = Vector2.Zero;
            float width = 0, height = 0;
            points.Clear();
            foreach (var member in cluster)
            {
                var w = member.Score / total;
                center += member.Box.Center * w;
                width += member.Box.Width * w;
                height += member.Box.Height * w;
                for (var k = 0; k < FaceKeypoints.Count; k++)
                {
                    points[k] += member.Keypoints[k] * w;
                }
            }
            result.Add(new FaceDetection(new FaceBox(center, width, height), FaceKeypoints.FromPoints(points), best.Score));
        }
        return result;
    }
}
