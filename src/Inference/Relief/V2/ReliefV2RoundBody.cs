using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// Rounds relief v2's body across each texel row from the ears down: there the solid is at most as deep as an ellipse
/// spanning the row's person, e(x) = min(a, T)·√(1 − ((x − x̄) / a)²) with a half the row's person width and x̄ its
/// centre. A view turned by θ sees a column a wide and h deep as a·cos θ + h·sin θ: the matte's slab, as deep as the
/// head however narrow, showed the side of the neck and jaw as a wall of skin beside them at ±30°, and the torso's end
/// where the box cut it as a flat-coloured block. An ellipse's outline turned is no wider than it is from the front.
/// <list type="bullet">
/// <item><see cref="Front"/>: the matte's inflated body (hair below the ears, neck, shoulders, torso; not the face the
/// mesh draws) stands out at most e (averaged over the rows ± 3 cm) in front of the mid-plane: a neck is a cylinder
/// of its own width, a torso a flattened ellipse whose sides close to nothing past the crop.</item>
/// <item><see cref="Behind"/>: from the ears down, the solid reaches at most 2e behind its front surface, the front kept
/// as it is (the face and what the input camera saw do not move): the jaw's and neck's edges are thin shells.</item>
/// </list>
/// Above the ears the head keeps the matte's inflation: the hair's depth is what the identity numbers were measured on.
/// </summary>
internal sealed class ReliefV2RoundBody
{
    /// <summary>Half-height (world units, ≈ 3 cm) of the rows each row's ellipse is averaged over for the front.</summary>
    private const float VerticalReach = 0.06f;

    private readonly GraphValue ellipse, smoothEllipse, belowEars;

    /// <summary>
    /// <paramref name="person"/>: the matte on the texel grid [1, 1, R, R], 0…1; <paramref name="x"/>, <paramref name="y"/>:
    /// texel centres as [1, 1, 1, R] and [1, 1, R, 1]; <paramref name="depth"/>: the body's greatest half-thickness T;
    /// <paramref name="earY"/>, <paramref name="jawY"/>: world y of the face's sides at ear level and of the jaw's corners ([1, 1]).
    /// </summary>
    public ReliefV2RoundBody(OnnxGraph graph, ReliefOptions options, GraphValue person, GraphValue x, GraphValue y,
        GraphValue depth, GraphValue earY, GraphValue jawY)
    {
        var texel = options.BoxWarp / options.Resolution;
        var weight = person.Clip(0f, 1f);
        var rowAxis = graph.Int64Tensor(3);
        var count = graph.Op("ReduceSum", [weight, rowAxis]);            // [1, 1, R, 1]: person texels per row
        var centre = graph.Op("ReduceSum", [weight * x, rowAxis]) / (count + 1e-6f);
        var halfWidth = count * (0.5f * texel) + 1e-6f;
        var across = (x - centre) / halfWidth;
        ellipse = halfWidth.Min(depth) * (1f - across.Square()).Clip(0f, 1f).Unary("Sqrt");
        // For the front, averaged over neighbouring rows: where the neck meets the shoulders one row's ellipse is the
        // neck's and the next the torso's, and the step between them read as edge-on to the colour fills, which
        // streaked the front view along the shoulders' top (0.5 dB on grace-hopper.jpg).
        var reach = Math.Max(1L, (long)MathF.Round(VerticalReach / texel));
        smoothEllipse = graph.Op("AveragePool", [ellipse],
            new OnnxGraph.Attribute("kernel_shape", Ints: [2 * reach + 1, 1]),
            new OnnxGraph.Attribute("pads", Ints: [reach, 0, reach, 0]),
            new OnnxGraph.Attribute("count_include_pad", Int: 0));
        // 0 at the ears, 1 from the jaw's corners down (a face tilted so far the jaw reads above the ears: a step).
        belowEars = ((earY - y) / (earY - jawY).Max(texel)).Clip(0f, 1f);
    }

    /// <summary>The inflated <paramref name="body"/>'s half-thickness [1, 1, R, R], at most the row's ellipse from the ears down.</summary>
    public GraphValue Front(GraphValue body) => Rounded(body, smoothEllipse);

    /// <summary>Half the solid's depth behind its front surface: <paramref name="half"/>, at most the row's ellipse from the ears down.</summary>
    public GraphValue Behind(GraphValue half) => Rounded(half, ellipse);

    private GraphValue Rounded(GraphValue half, GraphValue limit) => half - belowEars * (half - limit).Max(0f);
}
