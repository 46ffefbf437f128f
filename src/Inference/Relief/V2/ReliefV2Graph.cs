using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// Relief v2's encoder as an ONNX graph: image [1, 3, S, S] (RGB in [0, 1]), mesh [1, 1404] (the face mesh,
/// "mesh468"), matte [1, 1, S, S] (person probability) and surround [1, 5, S, S] (the camera picture around the crop,
/// <see cref="ReliefV2Surround"/>; absent when <see cref="ReliefOptions.SurroundSpan"/> is 0) → triplanes
/// [1, 3, 5, R, R] in the layout <see cref="ReliefV2Channels"/> describes. The body comes from
/// <see cref="ReliefV2Geometry"/>; each XY texel takes its colour from the crop pixel its front surface point projects
/// to through the default camera, as relief v1's does (past the crop's edge from the picture around it), or, where the
/// photo saw the person beyond the face edge-on, from the person's local average colour (<see cref="ReliefV2GrazingFill"/>). (A fill of the face's badly seen side from its mirror image across the face's
/// symmetry plane was tried and taken out: on turned photos it cost the front view 10 dB and likeness at every view,
/// perf/RESULTS-fidelity.md, 2026-12-05.)
/// Before those, the body's edge-on side walls take the person's colour instead of the room's the matte's unsure edge
/// mixed in (<see cref="ReliefV2ForegroundColour"/>).
/// </summary>
internal static class ReliefV2Graph
{
    public const string ImageInput = "image";
    public const string MeshInput = "mesh";
    public const string MatteInput = "matte";
    public const string SurroundInput = "surround";
    public const string TriplaneOutput = "triplanes";

    public static OnnxGraph Build(ReliefOptions options)
    {
        var graph = new OnnxGraph();
        long s = options.ImageSize, r = options.Resolution;
        var image = graph.Input(ImageInput, 1, 3, s, s);
        var mesh = graph.Input(MeshInput, 1, Bundles.FaceParameters.Mesh468Length);
        var matte = graph.Input(MatteInput, 1, 1, s, s);
        var surround = options.SurroundSpan > 0
            ? new ReliefV2Surround(graph, options, graph.Input(SurroundInput, 1, Bundles.SurroundInputSpec.Channels, s, s))
            : null;

        var x = graph.Tensor(ReliefGraph.TexelCentres(options), 1, 1, 1, r);
        var y = graph.Tensor(ReliefGraph.TexelCentres(options), 1, 1, r, 1);
        var z = y;
        var body = new ReliefV2Geometry(graph, options, surround).Build(mesh, matte, x, y);
        var (centre, half) = (body.Centre, body.HalfThickness);

        var extendedCrop = ReliefGraph.ExtendedCrop(graph, image, options.ImageSize, options.V2MarginDivisor);
        var colour = ReliefGraph.SampleCrop(graph, extendedCrop, x, y, body.Front, options);
        if (surround is not null)
        {
            colour = surround.Colour(colour, x, y, body.Front);
        }
        // The grazing fill and the sharpening each take their own nodes for the surface's normal and visibility: shared,
        // ONNX Runtime fuses them differently with one step or both, and the toggles (measured against each other) would
        // differ in the last bit.
        var visibility = new SurfaceVisibility(graph, options);
        if (options.ForegroundColour)
        {
            colour = new ReliefV2ForegroundColour(graph, options).Apply(image, matte, colour, body.Front, half, x, y);
        }
        if (options.GrazingFill)
        {
            colour = new ReliefV2GrazingFill(graph, options).Apply(image, matte, colour, visibility.Of(x, y, body.Front), body.IsFace);
        }
        var colourLogit = ReliefGraph.Logit(colour);
        if (options.Sharpening > 0)
        {
            colourLogit = new ReliefV2Sharpening(graph, options).Apply(colourLogit, visibility.Of(x, y, body.Front), half);
        }
        var plane = graph.Int64Tensor(1, 1, r, r);
        var xyPlane = ReliefGraph.Concat(graph, 1, colourLogit, graph.Op("Expand", [-centre, plane]), half);
        var xzPlane = ReliefGraph.Concat(graph, 1, ReliefGraph.Zeros(graph, 1, 3, r, r), graph.Op("Expand", [z, plane]), ReliefGraph.Zeros(graph, 1, 1, r, r));
        var zxPlane = ReliefGraph.Zeros(graph, 1, ReliefV2Channels.Count, r, r);
        var planes = ReliefGraph.Concat(graph, 0, xyPlane, xzPlane, zxPlane);
        var output = graph.Op("Reshape", [planes, graph.Int64Tensor(1, 3, ReliefV2Channels.Count, r, r)]);
        graph.Output(TriplaneOutput, output, 1, 3, ReliefV2Channels.Count, r, r);
        return graph;
    }
}
