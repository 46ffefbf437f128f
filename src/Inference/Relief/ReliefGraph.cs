using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief;

/// <summary>
/// The relief encoder as an ONNX graph: image [1, 3, S, S] (RGB in [0, 1]) and face [1, 12] (keypoints, see
/// <see cref="ReliefDepthPrior"/>) → triplanes [1, 3, 4, R, R] in the layout <see cref="ReliefChannels"/> describes.
/// Each XY texel (x, y) takes its colour from the crop pixel its surface point (x, y, depth) projects to through the
/// default camera, so the render from that camera reproduces the crop wherever the ray meets the surface.
/// Its crop sampling and plane helpers are shared with relief v2 (<see cref="V2.ReliefV2Graph"/>).
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


    public static OnnxGraph Build(ReliefOptions options)
    {
        var graph = new OnnxGraph();
        long s = options.ImageSize, r = options.Resolution;
        var image = graph.Input(ImageInput, 1, 3, s, s);
        var face = graph.Input(FaceInput, 1, FaceParameterVectorLength);

        // Texel centres in world units, as grid_sample with align_corners=False reads them: (2i + 1) / R − 1 of the half
        // box. A plane's columns run along its first axis, its rows along its second: x and y on XY, x and z on XZ.
        var x = graph.Tensor(TexelCentres(options), 1, 1, 1, r);
        var y = graph.Tensor(TexelCentres(options), 1, 1, r, 1);
        var z = y;
        var depth = new ReliefDepthPrior(graph, options).Build(face, x, y);

        var colourLogit = Logit(SampleCrop(graph, image, x, y, depth, options));
        var xyPlane = Concat(graph, 1, colourLogit, -depth);
        var xzPlane = Concat(graph, 1, Zeros(graph, 1, 3, r, r), graph.Op("Expand", [z, graph.Int64Tensor(1, 1, r, r)]));
        var zxPlane = Zeros(graph, 1, ReliefChannels.Count, r, r);
        var planes = Concat(graph, 0, xyPlane, xzPlane, zxPlane);
        var output = graph.Op("Reshape", [planes, graph.Int64Tensor(1, 3, ReliefChannels.Count, r, r)]);
        graph.Output(TriplaneOutput, output, 1, 3, ReliefChannels.Count, r, r);
        return graph;
    }

    /// <summary>
    /// Projects each surface point (x, y, depth) through the default camera (on +z at the camera radius, looking down
    /// −z) to normalised crop coordinates 2f·x / (radius − depth), −2f·y / (radius − depth) and samples the crop there
    /// (<see cref="ExtendedCrop"/> supplies what lies beyond its edge).
    /// </summary>
    internal static GraphValue SampleCrop(OnnxGraph graph, GraphValue image, GraphValue x, GraphValue y, GraphValue depth, ReliefOptions options) =>
        SampleCrop(graph, ExtendedCrop(graph, image, options.ImageSize), x, y, depth, options);

    /// <summary><see cref="SampleCrop(OnnxGraph, GraphValue, GraphValue, GraphValue, GraphValue, ReliefOptions)"/> from a crop already extended, for a graph that samples one crop more than once; <paramref name="gridShape"/>: the points' [1, H, W, 1], by default the R × R texel grid.</summary>
    internal static GraphValue SampleCrop(OnnxGraph graph, (GraphValue Image, float Shrink) extendedCrop, GraphValue x, GraphValue y, GraphValue depth, ReliefOptions options,
        long[]? gridShape = null)
    {
        var (extended, shrink) = extendedCrop;
        var scale = 2f * options.FocalLength * shrink / (options.CameraRadius - depth);
        var shape = graph.Int64Tensor(gridShape ?? [1, options.Resolution, options.Resolution, 1]);
        var grid = Concat(graph, 3, graph.Op("Reshape", [x * scale, shape]), graph.Op("Reshape", [-y * scale, shape]));
        var colour = graph.Op("GridSample", [extended, grid],
            new OnnxGraph.Attribute("align_corners", Int: 0),
            new OnnxGraph.Attribute("mode", Text: "bilinear"),
            new OnnxGraph.Attribute("padding_mode", Text: "border"));
        return colour.Clip(0f, 1f);
    }

    /// <summary>Relief v1's margin past the crop's edge: S / this many pixels.</summary>
    internal const int WideMarginDivisor = 16;

    /// <summary>
    /// The crop with a margin of S / <paramref name="marginDivisor"/> pixels on every side, fading from the crop's edge
    /// pixels to a blurred continuation of it (an 8 × 8 average, upsampled); beyond the margin the sampler's edge padding
    /// continues the blur. Seen only when the camera turns: plain edge padding smears the edge pixels into streaks,
    /// mirroring repeats the face; within the margin the edge pixels still streak, so the narrower it is the shorter the
    /// streaks (relief v2: <see cref="ReliefOptions.NarrowCropMargin"/>). Returns the image and the factor that maps crop
    /// grid coordinates onto it (align_corners=False: a grid coordinate g on the crop is g · S / (S + 2 · margin) on the
    /// extended image).
    /// </summary>
    internal static (GraphValue Image, float Shrink) ExtendedCrop(OnnxGraph graph, GraphValue image, int size, int marginDivisor = WideMarginDivisor)
    {
        var margin = Math.Max(1, size / marginDivisor);
        var side = size + 2 * margin;
        var pads = graph.Int64Tensor(0, 0, margin, margin, 0, 0, margin, margin);
        var edge = new OnnxGraph.Attribute("mode", Text: "edge");
        long kernel = size / BlurredSide;
        var blurred = graph.Op("AveragePool", [image],
            new OnnxGraph.Attribute("kernel_shape", Ints: [kernel, kernel]),
            new OnnxGraph.Attribute("strides", Ints: [kernel, kernel]));
        // Resize(X, roi, scales, sizes): empty roi and scales, the target size given.
        var upsampled = graph.Op("Resize", [blurred, graph.Tensor([], 0), graph.Tensor([], 0), graph.Int64Tensor(1, 3, size, size)],
            new OnnxGraph.Attribute("mode", Text: "linear"));
        var sharp = graph.Op("Pad", [image, pads], edge);
        var soft = graph.Op("Pad", [upsampled, pads], edge);
        var ramp = MarginRamp(size, margin);
        var weight = graph.Tensor(ramp, 1, 1, side, 1).Min(graph.Tensor(ramp, 1, 1, 1, side));
        return (weight * sharp + (1f - weight) * soft, size / (float)side);
    }

    /// <summary>Per pixel of the extended side: 1 over the crop, falling linearly to 0 across the margin.</summary>
    private static float[] MarginRamp(int size, int margin)
    {
        var ramp = new float[size + 2 * margin];
        for (var i = 0; i < ramp.Length; i++)
        {
            var outside = Math.Max(margin - i, i - (margin + size - 1));
            ramp[i] = Math.Clamp(1f - outside / (float)margin, 0f, 1f);
        }
        return ramp;
    }

    /// <summary>The feature whose EG3D colour activation gives back <paramref name="colour"/> (in [0, 1]).</summary>
    internal static GraphValue Logit(GraphValue colour)
    {
        var p = (colour + ColourEpsilon) / (1f + 2f * ColourEpsilon);
        return p.Unary("Log") - (1f - p).Unary("Log");
    }

    /// <summary>
    /// <paramref name="value"/> ([1, C, R, R], R = <paramref name="resolution"/>) shifted by one texel along
    /// <paramref name="axis"/> (2: rows, 3: columns) each way, as two copies the same size: Before[i] = value[i − 1],
    /// After[i] = value[i + 1], beyond the border zero (<paramref name="padMode"/> "constant") or the border texel
    /// repeated ("edge"). Shifted copies rather than a Conv: ONNX Runtime's layout optimisation ran a 1 × 3 Conv on one
    /// channel and the arithmetic around it on 16-channel blocks (a fifth of the encoder's node time).
    /// </summary>
    internal static (GraphValue Before, GraphValue After) Neighbours(OnnxGraph graph, GraphValue value, long axis, long resolution, string padMode)
    {
        var pads = new long[8];
        (pads[axis], pads[4 + axis]) = (1, 1);
        var padded = graph.Op("Pad", [value, graph.Int64Tensor(pads)], new OnnxGraph.Attribute("mode", Text: padMode));
        GraphValue Shifted(long start) => graph.Op("Slice", [padded, graph.Int64Tensor(start), graph.Int64Tensor(start + resolution), graph.Int64Tensor(axis)]);
        return (Shifted(0), Shifted(2));
    }

    /// <summary>
    /// The maximum of <paramref name="value"/> ([1, C, H, W]) over ± <paramref name="rows"/> rows and
    /// ± <paramref name="columns"/> columns around each pixel, the same size.
    /// </summary>
    internal static GraphValue MaxPool(OnnxGraph graph, GraphValue value, int rows, int columns) => graph.Op("MaxPool", [value],
        new OnnxGraph.Attribute("kernel_shape", Ints: [2 * rows + 1, 2 * columns + 1]),
        new OnnxGraph.Attribute("pads", Ints: [rows, columns, rows, columns]));

    internal static GraphValue Zeros(OnnxGraph graph, params long[] shape) => graph.Op("Expand", [graph.Scalar(0f), graph.Int64Tensor(shape)]);

    internal static GraphValue Concat(OnnxGraph graph, long axis, params GraphValue[] parts) =>
        graph.Op("Concat", parts, new OnnxGraph.Attribute("axis", Int: axis));

    internal static float[] TexelCentres(ReliefOptions options) => TexelCentres(options.Resolution, options.BoxWarp);

    /// <summary>World coordinates of the centres of <paramref name="count"/> texels across the box, as grid_sample with align_corners=False reads them.</summary>
    internal static float[] TexelCentres(int count, float boxWarp)
    {
        var centres = new float[count];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = ((2f * i + 1f) / count - 1f) * boxWarp / 2f;
        }
        return centres;
    }
}
