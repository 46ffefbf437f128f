using PortraitStream.Inference.Relief.Onnx;
using Attribute = PortraitStream.Inference.Relief.Onnx.OnnxGraph.Attribute;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// TensorFlow's convolutions as ONNX Conv / ConvTranspose on NCHW tensors. Padding: VALID is none; SAME puts the odd
/// pixel after (TensorFlow's rule: total = max((⌈in/s⌉ − 1)·s + k − in, 0), ⌊total/2⌋ before), which is ONNX's
/// SAME_UPPER. Grappler's _FusedConv2D carries its bias and activation as extra inputs (<see cref="TfjsFusedOps"/>).
/// </summary>
internal static class TfjsConvolutions
{
    public static ImportedValue Convolution(TfjsToOnnx importer, TfjsNode node)
    {
        var graph = importer.Graph;
        var filter = importer.Constant(node, 1);
        var depthwise = node.Op.Contains("Depthwise", StringComparison.Ordinal);
        var attributes = new List<Attribute>
        {
            new("kernel_shape", Ints: [filter.Shape[0], filter.Shape[1]]),
            new("strides", Ints: Spatial(node.Ints("strides"))),
            new("dilations", Ints: Spatial(node.Ints("dilations"))),
            Padding(node),
        };
        if (depthwise)
        {
            attributes.Add(new("group", Int: filter.Shape[2]));
        }
        var weights = depthwise ? TfjsLayout.DepthwiseFilter(graph, filter) : TfjsLayout.ConvFilter(graph, filter);
        var output = graph.Op("Conv", [importer.Tensor(node, 0), weights], [.. attributes]);
        return ImportedValue.Of(TfjsFusedOps.Apply(importer, node, output, 4), 4);
    }

    /// <summary>
    /// Conv2DBackpropInput(output_shape, filter, x): the gradient of a SAME/VALID convolution, i.e. a transposed
    /// convolution whose output size is given. Its input size follows from the forward convolution
    /// (⌈out/s⌉ for SAME), so the pads are computed here rather than left to ONNX's output_shape rules.
    /// </summary>
    public static ImportedValue TransposedConvolution(TfjsToOnnx importer, TfjsNode node)
    {
        var outputShape = importer.Constant(node, 0).LongValues(); // NHWC
        var filter = importer.Constant(node, 1);
        var strides = Spatial(node.Ints("strides"));
        long[] kernel = [filter.Shape[0], filter.Shape[1]];
        var same = node.Text("padding") == "SAME";
        var pads = new long[4];
        var outputPadding = new long[2];
        for (var a = 0; a < 2; a++)
        {
            var size = outputShape[1 + a];
            var input = same ? (size + strides[a] - 1) / strides[a] : (size - kernel[a]) / strides[a] + 1;
            var total = (input - 1) * strides[a] + kernel[a] - size;
            if (total >= 0)
            {
                (pads[a], pads[a + 2]) = (total / 2, total - total / 2);
            }
            else
            {
                outputPadding[a] = -total;
            }
        }
        var output = importer.Graph.Op("ConvTranspose", [importer.Tensor(node, 2), TfjsLayout.TransposedConvFilter(importer.Graph, filter)],
            new Attribute("kernel_shape", Ints: kernel), new Attribute("strides", Ints: strides),
            new Attribute("pads", Ints: pads), new Attribute("output_padding", Ints: outputPadding));
        return ImportedValue.Of(output, 4);
    }

    private static Attribute Padding(TfjsNode node) => node.Text("padding") switch
    {
        "SAME" => new("auto_pad", Text: "SAME_UPPER"),
        "VALID" => new("auto_pad", Text: "VALID"),
        var p => throw new NotSupportedException($"padding '{p}'"),
    };

    /// <summary>The H and W entries of an NHWC attribute list (strides, dilations, ksize); 1 when absent.</summary>
    public static long[] Spatial(long[]? nhwc) => nhwc is { Length: 4 } ? [nhwc[1], nhwc[2]] : [1, 1];
}
