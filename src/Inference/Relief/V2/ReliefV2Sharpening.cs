using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// Restores the detail the two resamplings between the photo and the screen take out. The crop is sampled once per
/// texel, ≈ 1.7 crop pixels apart at face depth (256 texels over the box, a 256-pixel crop over 0.6 of it), and the
/// renderer reads the plane back by bilinear interpolation, which attenuates what remains near the texel rate (a
/// triangle filter: half the contrast of a two-texel pattern between texel centres): the front view came out visibly
/// softer than the photo it reproduces (grace-hopper.jpg: 28.1 dB over the face). The colour logits are unsharp-masked
/// on the texel grid, l + a·(l − blur(l)) with a [1 2 1] / 4 blur in each direction, which lifts the texel-rate band
/// back toward the photo's contrast; in logit space an overshoot saturates instead of clipping. Where the default camera
/// saw the surface edge-on the texel's colour is stretched across a turned view's side walls, and sharpening it there
/// would turn the fills' smooth walls back into row-to-row streaks, so the amount fades out with
/// <see cref="FrontSurface.EdgeOn"/>; and only texels with no empty column within two texels are sharpened, so the blur
/// never mixes in an empty column's colour (the room's, a few texels out) and the silhouette's texels, which a turned
/// view stretches over the side of the head, keep the fills' colours exactly (measured on a uniform person at +30°:
/// sharpening up to the silhouette streaked its side, 0.0107 mean step between rows against 0.0073 without).
/// </summary>
internal sealed class ReliefV2Sharpening(OnnxGraph graph, ReliefOptions options)
{
    /// <summary>
    /// <paramref name="logit"/>: [1, 3, R, R] colour logits; <paramref name="half"/>: [1, 1, R, R] the body's
    /// half-thickness (≤ 0 in empty columns). Returns the logits sharpened inside the person where the photo saw the
    /// surface fairly.
    /// </summary>
    public GraphValue Apply(GraphValue logit, FrontSurface surface, GraphValue half)
    {
        var besideEmpty = ReliefGraph.MaxPool(graph, ReliefV2Geometry.Empty(half), rows: 2, columns: 2);
        var detail = logit - Blurred(Blurred(logit, axis: 2), axis: 3);
        return logit + detail * ((1f - surface.EdgeOn()) * (1f - besideEmpty) * options.Sharpening);
    }

    /// <summary>[1 2 1] / 4 along <paramref name="axis"/> (2: rows, 3: columns), the border texel repeated beyond the edge.</summary>
    private GraphValue Blurred(GraphValue value, long axis)
    {
        var (before, after) = ReliefGraph.Neighbours(graph, value, axis, options.Resolution, "edge");
        return (before + after) * 0.25f + value * 0.5f;
    }
}
