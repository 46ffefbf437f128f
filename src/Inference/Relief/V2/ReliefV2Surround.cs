using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// The camera picture around the crop (the encoder's "surround" input, <see cref="Bundles.SurroundInputSpec"/>) where
/// the box reaches past the crop's edge: there the person's matte and colour are the picture's own, so a shoulder the
/// crop cuts goes on as the shoulder it is, and hair, a raised arm or the next person end where they end, instead of
/// the crop's edge row continued (a slab of its streaked colours that a view turned 30° drew as a block in the picture's
/// corner, perf/RESULTS-fidelity.md). Beyond the picture's own edge the surround knows nothing (its inside channel is
/// 0) and the crop's continuation stands, as it does for an encoder given no surround.
/// </summary>
internal sealed class ReliefV2Surround(OnnxGraph graph, ReliefOptions options, GraphValue surround)
{
    /// <summary>
    /// How far past the crop's edge (crop half-widths, ≈ 4 pixels at 256²) the surround takes over from the crop: the
    /// picture's matte, run at a lower resolution and up to a quarter of a second earlier, meets the crop's without a step.
    /// </summary>
    private const float EdgeRamp = 0.03f;

    private const long Red = 0, Green = 1, Blue = 2, Person = 3, Inside = 4;

    /// <summary>
    /// Grids at least this many texels a side sample the surround at half their resolution and upsample it: the surround
    /// holds the picture at half the crop's resolution (and its matte at the selfie network's, coarser still), so the
    /// full grid's samples add nothing, and at R = 256 they cost 1.1 ms of the encoder's node time.
    /// </summary>
    private const int HalvedFrom = 128;

    /// <summary>
    /// <paramref name="matte"/> ([1, 1, n, n], the crop's matte continued past its edge, on the grid of texel centres
    /// <paramref name="x"/> [1, 1, 1, n] and <paramref name="y"/> [1, 1, n, 1] seen through the default camera,
    /// <paramref name="scale"/> crop half-widths per world unit) with the picture's matte where the points lie past the
    /// crop's edge and inside the picture.
    /// </summary>
    public GraphValue Matte(GraphValue matte, GraphValue x, GraphValue y, GraphValue scale, int n)
    {
        var pastEdge = Weight(PastEdge(x * scale, -y * scale));
        var sampled = Read(Channels(Person, Inside), n, x, y, _ => scale);
        return Blend(matte, Channel(sampled, 0), Channel(sampled, 1), pastEdge);
    }

    /// <summary>
    /// <paramref name="colour"/> ([1, 3, R, R], sampled from the crop at the texels' front surface points
    /// <paramref name="x"/>, <paramref name="y"/>, <paramref name="front"/>) with the picture's colour where the
    /// default camera sees those points past the crop's edge and inside the picture.
    /// </summary>
    public GraphValue Colour(GraphValue colour, GraphValue x, GraphValue y, GraphValue front)
    {
        var r = options.Resolution;
        var scale = Scale(front);
        var pastEdge = Weight(PastEdge(x * scale, -y * scale));
        // A 2 × 2 block's point is its centre at the block's mean depth (the grid is linear in x and y).
        var sampled = Read(Channels(Red, Green, Blue, Inside), r, x, y, halved => halved
            ? Scale(graph.Op("AveragePool", [front], new OnnxGraph.Attribute("kernel_shape", Ints: [2, 2]), new OnnxGraph.Attribute("strides", Ints: [2, 2])))
            : scale);
        var picture = graph.Op("Slice", [sampled, graph.Int64Tensor(0), graph.Int64Tensor(3), graph.Int64Tensor(1)]);
        return Blend(colour, picture, Channel(sampled, 3), pastEdge);
    }

    /// <summary>How far past the crop's edge (crop half-widths, 0 inside) grid point (<paramref name="across"/>, <paramref name="down"/>) lies.</summary>
    private static GraphValue PastEdge(GraphValue across, GraphValue down) => (across.Unary("Abs").Max(down.Unary("Abs")) - 1f).Max(0f);

    /// <summary>
    /// <paramref name="value"/> with the surround's <paramref name="read"/> in the share <paramref name="weight"/>, as far
    /// as the read lies inside the picture (<paramref name="inside"/>). The surround's values are 0 beyond the picture's
    /// edge, so a read there is already weighted by how much of it lies inside: value · (1 − w · inside) + w · read.
    /// </summary>
    private static GraphValue Blend(GraphValue value, GraphValue read, GraphValue inside, GraphValue weight) => value + weight * (read - inside * value);

    /// <summary>The surround's share at <paramref name="pastEdge"/>: 0 inside the crop, 1 from <see cref="EdgeRamp"/> past it.</summary>
    private static GraphValue Weight(GraphValue pastEdge) => (pastEdge * (1f / EdgeRamp)).Clip(0f, 1f);

    /// <summary>Crop half-widths per world unit at depth <paramref name="depth"/>, through the default camera.</summary>
    private GraphValue Scale(GraphValue depth) => 2f * options.FocalLength / (options.CameraRadius - depth);

    /// <summary>The surround's <paramref name="channels"/>, as [1, channels, S, S].</summary>
    private GraphValue Channels(params long[] channels) =>
        graph.Op("Gather", [surround, graph.Int64Tensor(channels)], new OnnxGraph.Attribute("axis", Int: 1));

    /// <summary>
    /// <paramref name="source"/> read on the n × n grid of texel centres <paramref name="x"/> [1, 1, 1, n],
    /// <paramref name="y"/> [1, 1, n, 1] seen through the default camera (<paramref name="scale"/>: crop half-widths per
    /// world unit, given whether the grid is halved); from <see cref="HalvedFrom"/> on, at the centres of its 2 × 2
    /// blocks, upsampled.
    /// </summary>
    private GraphValue Read(GraphValue source, int n, GraphValue x, GraphValue y, Func<bool, GraphValue> scale)
    {
        if (n < HalvedFrom)
        {
            var full = scale(false);
            return Sample(source, Grid(x * full, -y * full, n), n, n);
        }
        var centres = ReliefGraph.TexelCentres(n / 2, options.BoxWarp);
        var (across, down, halved) = (graph.Tensor(centres, 1, 1, 1, n / 2), graph.Tensor(centres, 1, 1, n / 2, 1), scale(true));
        return Sample(source, Grid(across * halved, -down * halved, n / 2), n / 2, n);
    }

    /// <summary>The [1, n, n, 2] sampling grid of points (<paramref name="across"/>, <paramref name="down"/>), broadcast to n × n.</summary>
    private GraphValue Grid(GraphValue across, GraphValue down, long n)
    {
        var full = graph.Op("Expand", [graph.Scalar(0f), graph.Int64Tensor(1, 1, n, n)]);
        var shape = graph.Int64Tensor(1, n, n, 1);
        return ReliefGraph.Concat(graph, 3, graph.Op("Reshape", [across + full, shape]), graph.Op("Reshape", [down + full, shape]));
    }

    /// <summary>
    /// <paramref name="source"/> ([1, C, S, S], over the surround) read at <paramref name="grid"/>
    /// (<paramref name="gridSide"/> a side), upsampled to <paramref name="n"/>² where the grid is coarser.
    /// </summary>
    private GraphValue Sample(GraphValue source, GraphValue grid, long gridSide, long n)
    {
        // The surround spans ± Span crop half-widths; past it the sampler reads zeros: outside the picture, as beyond its edge.
        var sampled = graph.Op("GridSample", [source, grid * (1f / options.SurroundSpan)],
            new OnnxGraph.Attribute("align_corners", Int: 0),
            new OnnxGraph.Attribute("mode", Text: "bilinear"),
            new OnnxGraph.Attribute("padding_mode", Text: "zeros"));
        // Resize's scales: 1 on the batch and channels, the grid's factor on the rows and columns.
        return gridSide == n ? sampled : graph.Op("Resize", [sampled, graph.Tensor([], 0), graph.Tensor([1f, 1f, (float)n / gridSide, (float)n / gridSide], 4)],
            new OnnxGraph.Attribute("mode", Text: "linear"));
    }

    /// <summary>Channel <paramref name="index"/> of a [1, C, H, W] value, as [1, 1, H, W].</summary>
    private GraphValue Channel(GraphValue value, long index) =>
        graph.Op("Slice", [value, graph.Int64Tensor(index), graph.Int64Tensor(index + 1), graph.Int64Tensor(1)]);
}
