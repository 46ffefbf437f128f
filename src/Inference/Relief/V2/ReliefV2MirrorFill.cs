using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// Fills the parts of the face the input camera saw badly from the other side of the face, as ONNX nodes. A face that
/// was turned in the photo shows its far side foreshortened (a few crop pixels stretched over the cheek); a view that
/// turns it back would show that smear. Each face texel's front-surface point P is mirrored across the face's plane of
/// symmetry (through the midpoint of the mesh's two face-side landmarks, normal along the line between them) to P′;
/// where the camera sees the mirrored surface clearly more head-on than P's (cosine of the angle between the surface
/// normal and the view ray), the texel takes the colour the crop shows at P′, blended in smoothly. A frontal photo
/// sees both sides alike, so it is left as it is.
/// </summary>
internal sealed class ReliefV2MirrorFill(OnnxGraph graph, ReliefOptions options)
{
    /// <summary>How much more head-on the mirrored side must be seen before its colour is used at all.</summary>
    private const float Margin = 0.15f;

    /// <summary>
    /// Only a surface seen this obliquely or worse (cosine; ≈ 45° from head-on) is refilled: a face is never exactly
    /// symmetric, so the mirror's colour is a stand-in for a smear, not an improvement on a fair view.
    /// </summary>
    private const float Oblique = 0.7f;

    /// <summary>Blend slope: the mirror's colour takes over fully 0.25 cosine units beyond either threshold.</summary>
    private const float Slope = 4f;

    /// <summary>
    /// <paramref name="extendedCrop"/>: the crop as <see cref="ReliefGraph.ExtendedCrop"/> extends it; <paramref name="colour"/>:
    /// [1, 3, R, R] sampled at the front surface; <paramref name="isFace"/>: [1, 1, R, R], 1 on the face (mirroring hair
    /// or background would make no sense); <paramref name="right"/>, <paramref name="left"/>: the face-side landmarks as
    /// (x, y, z) world values.
    /// </summary>
    public GraphValue Apply((GraphValue Image, float Shrink) extendedCrop, GraphValue colour, FrontSurface surface, GraphValue isFace,
        (GraphValue X, GraphValue Y, GraphValue Z) right, (GraphValue X, GraphValue Y, GraphValue Z) left)
    {
        var (x, y, front) = (surface.X, surface.Y, surface.Depth);
        // The plane of symmetry: point m, unit normal n.
        var (mx, my, mz) = ((right.X + left.X) * 0.5f, (right.Y + left.Y) * 0.5f, (right.Z + left.Z) * 0.5f);
        var (dx, dy, dz) = (left.X - right.X, left.Y - right.Y, left.Z - right.Z);
        var length = (dx.Square() + dy.Square() + dz.Square()).Unary("Sqrt").Max(1e-6f);
        var (nx, ny, nz) = (dx / length, dy / length, dz / length);

        // P on the front surface, its mirror P′.
        var offset = (x - mx) * nx + (y - my) * ny + (front - mz) * nz;
        var (px, py, pz) = (x - 2f * offset * nx, y - 2f * offset * ny, front - 2f * offset * nz);

        // The surface normal at P; at P′ the same normal mirrored.
        var (sx, sy, sz) = surface.Normal;
        var along = sx * nx + sy * ny + sz * nz;
        var (rx, ry, rz) = (sx - 2f * along * nx, sy - 2f * along * ny, sz - 2f * along * nz);

        var seen = surface.Seen;
        var mirrorSeen = new SurfaceVisibility(graph, options).HeadOn(px, py, pz, rx, ry, rz);
        var weight = ((mirrorSeen - seen - Margin) * Slope).Clip(0f, 1f) * ((Oblique - seen) * Slope).Clip(0f, 1f) * isFace;
        return new ReliefV2SparseBlend(graph, options).Apply(colour, weight, extendedCrop, px, py, pz);
    }
}
