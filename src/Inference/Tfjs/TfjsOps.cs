using PortraitStream.Inference.Relief.Onnx;
using Attribute = PortraitStream.Inference.Relief.Onnx.OnnxGraph.Attribute;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// The TensorFlow ops other than convolutions that MediaPipe's face mesh and selfie segmentation graphs and HSE's face
/// descriptor use, as ONNX ops on NCHW tensors: element-wise arithmetic and activations, pooling, Pad, Reshape,
/// ConcatV2, ResizeBilinear, Mean, MatMul, Softmax.
/// </summary>
internal static class TfjsOps
{
    public static ImportedValue Import(TfjsToOnnx importer, TfjsNode node) => node.Op switch
    {
        "Add" or "AddV2" or "BiasAdd" => Binary(importer, node, "Add"),
        "Sub" => Binary(importer, node, "Sub"),
        "Mul" => Binary(importer, node, "Mul"),
        "RealDiv" => Binary(importer, node, "Div"),
        "Maximum" => Binary(importer, node, "Max"),
        "Minimum" => Binary(importer, node, "Min"),
        "Prelu" => Binary(importer, node, "PRelu"),
        "AddN" => AddN(importer, node),
        "Relu" or "Sigmoid" or "Tanh" => Unary(importer, node, node.Op),
        "Relu6" => Clip(importer, node),
        "MaxPool" => Pool(importer, node, "MaxPool"),
        "AvgPool" => Pool(importer, node, "AveragePool"),
        "Pad" => Pad(importer, node),
        "Reshape" => Reshape(importer, node),
        "ConcatV2" => Concat(importer, node),
        "ResizeBilinear" => ResizeBilinear(importer, node),
        "Mean" => Mean(importer, node),
        "MatMul" or "_FusedMatMul" => MatMul(importer, node),
        "Softmax" => Softmax(importer, node),
        _ => throw new NotSupportedException("op not supported by the importer"),
    };

    /// <summary>
    /// A broadcasting binary op. A constant operand is laid out against the other operand's rank
    /// (<see cref="TfjsLayout.Broadcastable"/>); two computed operands must have the same rank.
    /// </summary>
    private static ImportedValue Binary(TfjsToOnnx importer, TfjsNode node, string onnxOp)
    {
        var (a, b) = (importer.Value(node.Inputs[0]), importer.Value(node.Inputs[1]));
        if (!a.IsConstant && !b.IsConstant && a.Rank != b.Rank && (a.Rank == 4 || b.Rank == 4))
        {
            throw new NotSupportedException($"broadcasting a rank-{a.Rank} tensor against a rank-{b.Rank} one");
        }
        var rank = Math.Max(a.Rank, b.Rank);
        var output = importer.Graph.Op(onnxOp, [Operand(importer, a, rank), Operand(importer, b, rank)]);
        return ImportedValue.Of(output, rank);
    }

    private static GraphValue Operand(TfjsToOnnx importer, ImportedValue value, int rank) =>
        value.Tensor ?? TfjsLayout.Broadcastable(importer.Graph, value.Constant!, rank);

    private static ImportedValue AddN(TfjsToOnnx importer, TfjsNode node)
    {
        var inputs = node.Inputs.Select(importer.Value).ToArray();
        var rank = inputs.Max(v => v.Rank);
        return ImportedValue.Of(importer.Graph.Op("Sum", [.. inputs.Select(v => Operand(importer, v, rank))]), rank);
    }

    private static ImportedValue Unary(TfjsToOnnx importer, TfjsNode node, string onnxOp) =>
        ImportedValue.Of(importer.Tensor(node, 0).Unary(onnxOp), importer.Value(node.Inputs[0]).Rank);

    private static ImportedValue Clip(TfjsToOnnx importer, TfjsNode node)
    {
        var graph = importer.Graph;
        return ImportedValue.Of(graph.Op("Clip", [importer.Tensor(node, 0), graph.Scalar(0), graph.Scalar(6)]), importer.Value(node.Inputs[0]).Rank);
    }

    /// <summary>
    /// Max / average pooling. SAME is ONNX's SAME_UPPER; TensorFlow's average leaves the padding out of the count,
    /// which is ONNX AveragePool's default (count_include_pad = 0).
    /// </summary>
    private static ImportedValue Pool(TfjsToOnnx importer, TfjsNode node, string onnxOp)
    {
        var output = importer.Graph.Op(onnxOp, [importer.Tensor(node, 0)],
            new Attribute("kernel_shape", Ints: TfjsConvolutions.Spatial(node.Ints("ksize"))),
            new Attribute("strides", Ints: TfjsConvolutions.Spatial(node.Ints("strides"))),
            new Attribute("auto_pad", Text: node.Text("padding") == "SAME" ? "SAME_UPPER" : "VALID"));
        return ImportedValue.Of(output, 4);
    }

    /// <summary>Zero padding; TensorFlow's paddings are [rank, 2] (before, after per NHWC axis), ONNX's all befores then all afters.</summary>
    private static ImportedValue Pad(TfjsToOnnx importer, TfjsNode node)
    {
        var paddings = importer.Constant(node, 1).LongValues();
        var rank = importer.Value(node.Inputs[0]).Rank;
        var pads = new long[2 * rank];
        for (var axis = 0; axis < rank; axis++)
        {
            var target = rank == 4 ? (int)TfjsLayout.NchwAxis(axis) : axis;
            (pads[target], pads[target + rank]) = (paddings[2 * axis], paddings[2 * axis + 1]);
        }
        var output = importer.Graph.Op("Pad", [importer.Tensor(node, 0), importer.Graph.Int64Tensor(pads)], new Attribute("mode", Text: "constant"));
        return ImportedValue.Of(output, rank);
    }

    /// <summary>Reshape reads elements in TensorFlow's NHWC order, so a 4-D tensor goes back to NHWC first (and a 4-D result to NCHW after).</summary>
    private static ImportedValue Reshape(TfjsToOnnx importer, TfjsNode node)
    {
        var graph = importer.Graph;
        var input = importer.Tensor(node, 0);
        if (importer.Value(node.Inputs[0]).Rank == 4)
        {
            input = graph.Op("Transpose", [input], new Attribute("perm", Ints: TfjsLayout.NchwToNhwc));
        }
        var shape = importer.Constant(node, 1).LongValues();
        var output = graph.Op("Reshape", [input, graph.Int64Tensor(shape)]);
        if (shape.Length == 4)
        {
            output = graph.Op("Transpose", [output], new Attribute("perm", Ints: TfjsLayout.NhwcToNchw));
        }
        return ImportedValue.Of(output, shape.Length);
    }

    /// <summary>ConcatV2(values…, axis): the axis is the last input.</summary>
    private static ImportedValue Concat(TfjsToOnnx importer, TfjsNode node)
    {
        var count = node.Inputs.Length - 1;
        var axis = importer.Constant(node, count).LongValues()[0];
        var rank = importer.Value(node.Inputs[0]).Rank;
        var inputs = Enumerable.Range(0, count).Select(i => importer.Tensor(node, i)).ToArray();
        var output = importer.Graph.Op("Concat", inputs, new Attribute("axis", Int: rank == 4 ? TfjsLayout.NchwAxis(axis) : axis));
        return ImportedValue.Of(output, rank);
    }

    /// <summary>
    /// ResizeBilinear(x, [h, w]) as Resize(linear). half_pixel_centers is ONNX's "half_pixel", align_corners its
    /// "align_corners", neither is TF1's legacy "asymmetric". The sizes input wants N and C too: taken from the tensor's
    /// own shape (Shape with start/end, opset 15), which ONNX Runtime folds to a constant.
    /// </summary>
    private static ImportedValue ResizeBilinear(TfjsToOnnx importer, TfjsNode node)
    {
        var graph = importer.Graph;
        var input = importer.Tensor(node, 0);
        var transform = node.Flag("align_corners") ? "align_corners" : node.Flag("half_pixel_centers") ? "half_pixel" : "asymmetric";
        var batchAndChannels = graph.Op("Shape", [input], new Attribute("start", Int: 0), new Attribute("end", Int: 2));
        var sizes = graph.Op("Concat", [batchAndChannels, graph.Int64Tensor(importer.Constant(node, 1).LongValues())], new Attribute("axis", Int: 0));
        var none = new GraphValue(graph, "");
        var output = graph.Op("Resize", [input, none, none, sizes],
            new Attribute("mode", Text: "linear"), new Attribute("coordinate_transformation_mode", Text: transform));
        return ImportedValue.Of(output, 4);
    }

    /// <summary>
    /// Mean over constant axes. Without keep_dims, a 4-D tensor's remaining axes must come out in the same order from
    /// NCHW as from NHWC — true when H and W are both reduced (global pooling: [N, C]) or C is — else it is refused.
    /// </summary>
    private static ImportedValue Mean(TfjsToOnnx importer, TfjsNode node)
    {
        var rank = importer.Value(node.Inputs[0]).Rank;
        var axes = importer.Constant(node, 1).LongValues().Select(a => a < 0 ? a + rank : a).Distinct().ToArray();
        var keep = node.Flag("keep_dims");
        if (rank == 4)
        {
            var channelsLeft = !axes.Contains(3);
            var spatialLeft = !axes.Contains(1) || !axes.Contains(2);
            if (!keep && axes.Length > 0 && channelsLeft && spatialLeft)
            {
                throw new NotSupportedException($"Mean over NHWC axes [{string.Join(", ", axes)}] without keep_dims reorders the rest");
            }
            axes = [.. axes.Select(TfjsLayout.NchwAxis)];
        }
        var output = importer.Graph.Op("ReduceMean", [importer.Tensor(node, 0)],
            new Attribute("axes", Ints: axes), new Attribute("keepdims", Int: keep ? 1 : 0));
        return ImportedValue.Of(output, keep ? rank : rank - axes.Length);
    }

    /// <summary>MatMul / _FusedMatMul of a row batch by a matrix (TensorFlow's MatMul is 2-D) as Gemm, then any fused bias and activation.</summary>
    private static ImportedValue MatMul(TfjsToOnnx importer, TfjsNode node)
    {
        if (importer.Value(node.Inputs[0]).Rank != 2 || importer.Value(node.Inputs[1]).Rank != 2)
        {
            throw new NotSupportedException("MatMul of tensors that are not 2-D");
        }
        var output = importer.Graph.Op("Gemm", [importer.Tensor(node, 0), importer.Tensor(node, 1)],
            new Attribute("transA", Int: node.Flag("transpose_a") ? 1 : 0), new Attribute("transB", Int: node.Flag("transpose_b") ? 1 : 0));
        return ImportedValue.Of(TfjsFusedOps.Apply(importer, node, output, 2), 2);
    }

    /// <summary>TensorFlow's Softmax normalises the last axis, which is C (axis 1) in a 4-D NCHW tensor.</summary>
    private static ImportedValue Softmax(TfjsToOnnx importer, TfjsNode node)
    {
        var rank = importer.Value(node.Inputs[0]).Rank;
        return ImportedValue.Of(importer.Graph.Op("Softmax", [importer.Tensor(node, 0)], new Attribute("axis", Int: rank == 4 ? 1 : -1)), rank);
    }
}
