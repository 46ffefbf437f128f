using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief;

/// <summary>
/// The relief encoder as an ONNX graph: image [1, 3, S, S] (RGB in [0, 1]) and face [1, 12] (keypoints, see
/// <see cref="ReliefDepthPrior"/>) → triplanes [1, 3, 4, R, R] in the layout <see cref="ReliefChannels"/> describes.
/// Each XY texel (x, y) takes its colour from the crop pixel its surface point (x, y, depth) projects to through the
/// default camera, so the render from that camera reproduces the crop wherever the ray meets the surface.
/// </summary>
internal static class ReliefGraph
{
    public const string ImageInput = "image";
    public const string FaceInput = "face";
    public const string TriplaneOutput = "triplanes";

    /// <summary>Six keypoints × (x, y).</summary>
    public const int FaceParameterVectorLength = Bundles.FaceParameters.Keypoints6Length;

    /// <summary>EG3D's colour activation is sigmoid(x)·(1 + 2ε) − ε; the encoder stores its inverse.</summary>
    public const float ColourEpsilon = 0.001f;

    /// <summary>Side of the blurred crop that continues the picture beyond the crop's edge.</summary>
    private const int BlurredSide = 8;

    /// <summary>Width of the fade from the crop's edge to its blurred continuation, in grid units (0.1 = 5 % of the side).</summary>
    private const float OutsideFade = 0.1f;

    public static OnnxGraph Build(ReliefOptions options)
    {
        var graph = new OnnxGraph();
        long s = options.ImageSize, r = options.Resolution;
        var image = graph.Input(ImageInput, 1, 3, s, s);
        var face = graph.Input(FaceInput, 1, FaceParameterVectorLength);

        // Texel centres in world units, as grid_sample with align_corners=False reads them: (2i + 1) / R − 1 of the half box.
        // A plane's columns run along its first axis, its rows along its second: x and y on XY, x and z on XZ.
        var x = graph.Tensor(TexelCentres(options), 1, 1, 1, r);
        var rows = graph.Tensor(TexelCentres(options), 1, 1, r, 1);
        var y = rows;
        var depth = new ReliefDepthPrior(graph, options).Build(face, x, y);

        var colourLogit = Logit(SampleCrop(graph, image, x, y, depth, options));
        var xyPlane = Concat(graph, 1, colourLogit, -depth);
        var xzPlane = Concat(graph, 1, Zeros(graph, 1, 3, r, r), graph.Op("Expand", [rows, graph.Int64Tensor(1, 1, r, r)]));
        var zxPlane = Zeros(graph, 1, ReliefChannels.Count, r, r);
        var planes = Concat(graph, 0, xyPlane, xzPlane, zxPlane);
        var output = graph.Op("Reshape", [planes, graph.Int64Tensor(1, 3, ReliefChannels.Count, r, r)]);
        graph.Output(TriplaneOutput, output, 1, 3, ReliefChannels.Count, r, r);
        return graph;
    }

    /// <summary>
    /// Projects each surface point (x, y, depth) through the default camera (on +z at the camera radius, looking down
    /// −z) to normalised crop coordinates 2f·x / (radius − depth), −2f·y / (radius − depth) and samples the crop there.
    /// Outside the crop (seen only when the camera turns) the colour fades, over <see cref="OutsideFade"/>, from the
    /// crop's edge to a blurred continuation of it (an 8 × 8 average of the crop, edge-padded): plain edge padding
    /// smears the edge pixels into streaks, mirroring repeats the face.
    /// </summary>
    private static GraphValue SampleCrop(OnnxGraph graph, GraphValue image, GraphValue x, GraphValue y, GraphValue depth, ReliefOptions options)
    {
        long r = options.Resolution;
        var scale = 2f * options.FocalLength / (options.CameraRadius - depth);
        var gridShape = graph.Int64Tensor(1, r, r, 1);
        var gridX = graph.Op("Reshape", [x * scale, gridShape]);
        var gridY = graph.Op("Reshape", [-y * scale, gridShape]);
        var grid = Concat(graph, 3, gridX, gridY);
        var near = Sample(graph, image, grid);
        long kernel = options.ImageSize / BlurredSide;
        var blurred = graph.Op("AveragePool", [image],
            new OnnxGraph.Attribute("kernel_shape", Ints: [kernel, kernel]),
            new OnnxGraph.Attribute("strides", Ints: [kernel, kernel]));
        var far = Sample(graph, blurred, grid);
        // 1 inside the crop, falling linearly to 0 at OutsideFade beyond its edge (grid units: the crop spans [−1, 1]).
        var outside = gridX.Unary("Abs").Max(gridY.Unary("Abs")) - 1f;
        var inside = graph.Op("Reshape", [graph.Op("Clip", [1f - outside / OutsideFade, graph.Scalar(0f), graph.Scalar(1f)]), graph.Int64Tensor(1, 1, r, r)]);
        var colour = inside * near + (1f - inside) * far;
        return graph.Op("Clip", [colour, graph.Scalar(0f), graph.Scalar(1f)]);
    }

    private static GraphValue Sample(OnnxGraph graph, GraphValue image, GraphValue grid) => graph.Op("GridSample", [image, grid],
        new OnnxGraph.Attribute("align_corners", Int: 0),
        new OnnxGraph.Attribute("mode", Text: "bilinear"),
        new OnnxGraph.Attribute("padding_mode", Text: "border"));

    /// <summary>The feature whose EG3D colour activation gives back <paramref name="colour"/> (in [0, 1]).</summary>
    private static GraphValue Logit(GraphValue colour)
    {
        var p = (colour + ColourEpsilon) / (1f + 2f * ColourEpsilon);
        return p.Unary("Log") - (1f - p).Unary("Log");
    }

    private static GraphValue Zeros(OnnxGraph graph, params long[] shape) => graph.Op("Expand", [graph.Scalar(0f), graph.Int64Tensor(shape)]);

    private static GraphValue Concat(OnnxGraph graph, long axis, params GraphValue[] parts) =>
        graph.Op("Concat", parts, new OnnxGraph.Attribute("axis", Int: axis));

    private static float[] TexelCentres(ReliefOptions options)
    {
        var centres = new float[options.Resolution];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = ((2f * i + 1f) / options.Resolution - 1f) * options.BoxWarp / 2f;
        }
        return centres;
    }
}
