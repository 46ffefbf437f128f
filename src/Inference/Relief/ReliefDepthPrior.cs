using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief;

/// <summary>
/// Builds, as ONNX nodes, the head-and-shoulders height field depth(x, y) (world z of the front surface) from the six
/// face keypoints: an ellipsoidal head placed and scaled from the eyes, mouth and ears, a nose and brow relief on it,
/// a neck and a torso below, and a background plane behind; the surface is the maximum of the parts, so it stays
/// continuous (rubber-sheet silhouettes rather than holes when the camera turns).
/// Proportions are in units of the eye-to-mouth distance m (≈ 7 cm on an adult): head half-width ≈ 1.1 m, half-height
/// 1.6 m with the eyes at mid-height, nose tip 0.4 m in front of the cheeks.
/// </summary>
internal sealed class ReliefDepthPrior(OnnxGraph graph, ReliefOptions options)
{
    /// <summary>
    /// <paramref name="face"/>: [1, 12] keypoints in crop coordinates normalised to [0, 1] (x right, y down), in
    /// MediaPipe order; <paramref name="x"/>, <paramref name="y"/>: world coordinates that broadcast to the plane grid.
    /// </summary>
    public GraphValue Build(GraphValue face, GraphValue x, GraphValue y)
    {
        var (rightEyeX, rightEyeY) = Keypoint(face, 0);
        var (leftEyeX, leftEyeY) = Keypoint(face, 1);
        var (noseX, noseY) = Keypoint(face, 2);
        var (mouthX, mouthY) = Keypoint(face, 3);
        var (rightEarX, _) = Keypoint(face, 4);
        var (leftEarX, _) = Keypoint(face, 5);

        var eyeX = (rightEyeX + leftEyeX) * 0.5f;
        var eyeY = (rightEyeY + leftEyeY) * 0.5f;
        var m = ((eyeX - mouthX).Square() + (eyeY - mouthY).Square()).Unary("Sqrt").Max(1e-3f);

        // Head: centred between the ears (which follow the skull when the face turns), eyes at mid-height; its width
        // from the ears, kept within human proportions because BlazeFace's ear points are its least reliable.
        var headX = (rightEarX + leftEarX) * 0.5f;
        var headHalfWidth = ((leftEarX - rightEarX).Unary("Abs") * 0.55f).Max(m * 0.9f).Min(m * 1.4f);
        var headHalfDepth = m * 1.35f;
        var headZ = options.FacePlaneZ - headHalfDepth;
        // Hair makes the head wider above the ears than at them: the half-width grows by up to 20 % toward the crown.
        var hairWidening = 1f + ((y - eyeY) / (m * 1.6f)).Unary("Relu").Min(1f) * 0.2f;
        var head = headZ + headHalfDepth * SignedSqrt(1f - ((x - headX) / (headHalfWidth * hairWidening)).Square() - ((y - eyeY) / (m * 1.7f)).Square());

        var noseTip = Bump(x, y, noseX, noseY, m * 0.25f, m * 0.22f) * (m * 0.4f);
        var bridge = Bump(x, y, (eyeX + noseX) * 0.5f, (eyeY + noseY) * 0.5f, m * 0.14f, m * 0.3f) * (m * 0.2f);
        var brow = Bump(x, y, eyeX, eyeY + m * 0.28f, m * 0.9f, m * 0.12f) * (m * 0.08f);
        var face3d = head + noseTip + bridge + brow;

        // Neck: a vertical half-cylinder that ends at eye height so it never shows above the head.
        var neck = headZ - m * 0.2f + m * 0.9f * SignedSqrt(1f - ((x - headX) / (m * 0.8f)).Square())
                   - (y - eyeY).Unary("Relu") * 4f;

        // Torso: a wide half-cylinder with rounded shoulders whose top sits a little below the chin.
        var shoulderRounding = m * 1.0f;
        var shoulderTop = eyeY - m * 1.85f;
        var aboveShoulderStart = (y - (shoulderTop - shoulderRounding)).Unary("Relu") / shoulderRounding;
        var torso = headZ - m * 0.5f + m * 1.3f * SignedSqrt(1f - ((x - headX) / (m * 3.0f)).Square() - aboveShoulderStart.Square());

        // The background curls forward toward the box's sides (z rises by BackgroundCurl·x²), so a camera turned by
        // 20–25° still meets it inside the box at the far edge of the frame instead of seeing empty space.
        var background = options.BackgroundZ + x.Square() * options.BackgroundCurl;
        // Keep the surface inside the box, in front of the background.
        return face3d.Max(neck).Max(torso).Max(background).Min(options.BoxWarp * 0.45f);
    }

    /// <summary>Keypoint <paramref name="index"/> lifted from crop coordinates onto the plane z = FacePlaneZ.</summary>
    private (GraphValue X, GraphValue Y) Keypoint(GraphValue face, int index)
    {
        var worldPerCrop = (options.CameraRadius - options.FacePlaneZ) / options.FocalLength;
        var u = graph.Op("Gather", [face, graph.Int64Tensor(2 * index)], new OnnxGraph.Attribute("axis", Int: 1));
        var v = graph.Op("Gather", [face, graph.Int64Tensor(2 * index + 1)], new OnnxGraph.Attribute("axis", Int: 1));
        // Image y runs down, world y up (OpenCV camera, y-up world).
        return ((u - 0.5f) * worldPerCrop, (0.5f - v) * worldPerCrop);
    }

    /// <summary>sign(q)·√|q|: an ellipse's height inside, continuing as a steep wall outside instead of stopping.</summary>
    private static GraphValue SignedSqrt(GraphValue q) => q.Unary("Sign") * q.Unary("Abs").Unary("Sqrt");

    private static GraphValue Bump(GraphValue x, GraphValue y, GraphValue cx, GraphValue cy, GraphValue sx, GraphValue sy) =>
        (-((x - cx) / sx).Square() - ((y - cy) / sy).Square()).Unary("Exp");
}
