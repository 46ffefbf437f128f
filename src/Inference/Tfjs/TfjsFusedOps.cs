using PortraitStream.Inference.Relief.Onnx;
using Attribute = PortraitStream.Inference.Relief.Onnx.OnnxGraph.Attribute;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// The bias and activation Grappler folds into _FusedConv2D, _FusedDepthwiseConv2dNative and _FusedMatMul: a
/// "fused_ops" list applied in order after the convolution or product, whose constant arguments (bias, PReLU alpha)
/// follow the op's two main inputs.
/// </summary>
internal static class TfjsFusedOps
{
    /// <param name="rank">The rank of <paramref name="output"/>: 4 (NCHW inside) after a convolution, 2 after a MatMul.</param>
    public static GraphValue Apply(TfjsToOnnx importer, TfjsNode node, GraphValue output, int rank)
    {
        var graph = importer.Graph;
        var argument = 2;
        foreach (var op in node.Texts("fused_ops"))
        {
            output = op switch
            {
                "BiasAdd" => output + TfjsLayout.Broadcastable(graph, importer.Constant(node, argument++), rank),
                "Relu" => output.Unary("Relu"),
                "Relu6" => graph.Op("Clip", [output, graph.Scalar(0), graph.Scalar(6)]),
                "Prelu" => graph.Op("PRelu", [output, TfjsLayout.Broadcastable(graph, importer.Constant(node, argument++), rank)]),
                "LeakyRelu" => graph.Op("LeakyRelu", [output], new Attribute("alpha", Float: node.Float("leakyrelu_alpha") ?? 0.2f)),
                "Sigmoid" => output.Unary("Sigmoid"),
                _ => throw new NotSupportedException($"fused op '{op}'"),
            };
        }
        return output;
    }
}
