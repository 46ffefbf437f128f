using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// A colour fill's blend, colour + weight·(crop sample − colour), with the crop sampled only at the texels whose weight
/// is above 0. The fills recolour a small share of the texels (the silhouette's edge-on walls, the face's badly seen
/// side), yet sampling the whole R² grid for each was most of the encoder's GridSample time (perf `encoder-cost`). The
/// texels are listed (NonZero), sampled over a 1 × K grid and scattered back (ScatterElements); every other texel keeps
/// its colour, which is what the dense blend gives at weight 0, and the chosen ones go through the same operations on
/// the same values: the triplanes are the dense graph's bit for bit (<see cref="ReliefOptions.SparseFills"/> off builds
/// that one, to check).
/// </summary>
internal sealed class ReliefV2SparseBlend(OnnxGraph graph, ReliefOptions options)
{
    /// <summary>
    /// <paramref name="colour"/>: [1, 3, R, R]; <paramref name="weight"/>: [1, 1, R, R] in 0…1; the crop (extended, see
    /// <see cref="ReliefGraph.ExtendedCrop"/>) sampled where the points (<paramref name="x"/>, <paramref name="y"/>,
    /// <paramref name="depth"/>), each broadcastable to [1, 1, R, R], project through the default camera.
    /// </summary>
    public GraphValue Apply(GraphValue colour, GraphValue weight, (GraphValue Image, float Shrink) crop, GraphValue x, GraphValue y, GraphValue depth)
    {
        if (!options.SparseFills)
        {
            return colour + weight * (ReliefGraph.SampleCrop(graph, crop, x, y, depth, options) - colour);
        }
        long r = options.Resolution;
        var plane = graph.Int64Tensor(1, 1, r, r);
        var texels = graph.Int64Tensor(r * r);
        GraphValue Flat(GraphValue value) => graph.Op("Reshape", [graph.Op("Expand", [value, plane]), texels]);
        var flatWeight = Flat(weight);
        var chosen = graph.Op("Reshape", [graph.Op("NonZero", [graph.Op("Greater", [flatWeight, graph.Scalar(0f)])]), graph.Int64Tensor(-1)]);
        // Texel 0 always joins the list, so no operator ever sees an empty one; blended at its own weight (0 unless it
        // was chosen anyway, and then both copies carry the same value) it keeps the value the dense blend gives it.
        var indices = ReliefGraph.Concat(graph, 0, graph.Int64Tensor(0), chosen);
        GraphValue At(GraphValue flat, long axis) => graph.Op("Gather", [flat, indices], new OnnxGraph.Attribute("axis", Int: axis));
        var samples = ReliefGraph.SampleCrop(graph, crop, At(Flat(x), 0), At(Flat(y), 0), At(Flat(depth), 0), options, [1, 1, -1, 1]);
        var colours = graph.Op("Reshape", [colour, graph.Int64Tensor(1, 3, r * r)]);
        var before = At(colours, 2);                                                     // [1, 3, K]
        var blended = before + At(flatWeight, 0) * (graph.Op("Reshape", [samples, graph.Int64Tensor(1, 3, -1)]) - before);
        var where = graph.Op("Expand", [graph.Op("Reshape", [indices, graph.Int64Tensor(1, 1, -1)]), graph.Op("Shape", [blended])]);
        var scattered = graph.Op("ScatterElements", [colours, where, blended], new OnnxGraph.Attribute("axis", Int: 2));
        return graph.Op("Reshape", [scattered, graph.Int64Tensor(1, 3, r, r)]);
    }
}
