using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// Converts a <see cref="TfjsGraphModel"/> to an ONNX model (opset 17) with the relief encoder's graph builder: the
/// nodes the outputs depend on, in dependency order, each TensorFlow op as the ONNX ops that compute the same thing
/// (<see cref="TfjsConvolutions"/>, <see cref="TfjsOps"/>). The ONNX model keeps the TF.js model's interface — NHWC
/// input and outputs, named after the signature — and runs NCHW inside (see <see cref="ImportedValue"/>). An op outside
/// the supported set is a <see cref="ModelLoadException"/> naming the file, node and op, never a silently wrong graph.
/// </summary>
internal sealed class TfjsToOnnx
{
    private readonly TfjsGraphModel _model;
    private readonly Dictionary<string, ImportedValue> _values = new(StringComparer.Ordinal);

    private TfjsToOnnx(TfjsGraphModel model) => _model = model;

    public OnnxGraph Graph { get; } = new();

    /// <summary>The ONNX model bytes for <paramref name="model"/>.</summary>
    public static byte[] Convert(TfjsGraphModel model)
    {
        var converter = new TfjsToOnnx(model);
        converter.Build();
        return OnnxModelWriter.Write(converter.Graph, Path.GetFileNameWithoutExtension(model.File), "PortraitStream.Tfjs", "1");
    }

    /// <summary>The value node <paramref name="name"/> became.</summary>
    public ImportedValue Value(string name) => _values[name];

    /// <summary>Input <paramref name="index"/> of <paramref name="node"/> as a graph tensor (constants used as stored).</summary>
    public GraphValue Tensor(TfjsNode node, int index)
    {
        var value = Value(node.Inputs[index]);
        return value.Tensor ?? Graph.Tensor(value.Constant!.Values, TfjsLayout.ToLongs(value.Constant.Shape));
    }

    /// <summary>Input <paramref name="index"/> of <paramref name="node"/>, which must be a constant (a filter, a shape, an axis).</summary>
    public TfjsTensor Constant(TfjsNode node, int index) =>
        Value(node.Inputs[index]).Constant
        ?? throw new NotSupportedException($"input {index} ('{node.Inputs[index]}') is computed, a constant is needed");

    private void Build()
    {
        var input = Graph.Input(_model.InputNode, TfjsLayout.ToLongs(_model.InputShape));
        _values[_model.InputNode] = _model.InputShape.Length == 4
            ? ImportedValue.Of(Graph.Op("Transpose", [input], new OnnxGraph.Attribute("perm", Ints: TfjsLayout.NhwcToNchw)), 4)
            : ImportedValue.Of(input, _model.InputShape.Length);

        foreach (var node in DependencyOrder())
        {
            try
            {
                _values[node.Name] = Import(node);
            }
            catch (Exception e) when (e is NotSupportedException or KeyNotFoundException or IndexOutOfRangeException)
            {
                throw new ModelLoadException($"{_model.File}: node '{node.Name}' ({node.Op}): {e.Message}", e);
            }
        }

        foreach (var (name, node, shape) in _model.Outputs)
        {
            var value = _values[node];
            var tensor = value.Tensor ?? throw new ModelLoadException($"{_model.File}: output '{name}' is a constant");
            if (value.Rank == 4)
            {
                tensor = Graph.Op("Transpose", [tensor], new OnnxGraph.Attribute("perm", Ints: TfjsLayout.NchwToNhwc));
            }
            Graph.Output(name, tensor, TfjsLayout.ToLongs(shape));
        }
    }

    private ImportedValue Import(TfjsNode node) => node.Op switch
    {
        "Const" => ImportedValue.Of(_model.Constants.TryGetValue(node.Name, out var constant)
            ? constant
            : throw new NotSupportedException("constant without weights in the manifest")),
        "Identity" => Value(node.Inputs[0]),
        "Conv2D" or "DepthwiseConv2dNative" or "_FusedConv2D" or "FusedDepthwiseConv2dNative" or "_FusedDepthwiseConv2dNative"
            => TfjsConvolutions.Convolution(this, node),
        "Conv2DBackpropInput" => TfjsConvolutions.TransposedConvolution(this, node),
        _ => TfjsOps.Import(this, node),
    };

    /// <summary>The nodes the signature's outputs depend on, each after its inputs (depth-first post-order).</summary>
    private List<TfjsNode> DependencyOrder()
    {
        var order = new List<TfjsNode>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { _model.InputNode };
        var stack = new Stack<(string Name, bool Expanded)>(_model.Outputs.Select(o => (o.Node, false)));
        while (stack.Count > 0)
        {
            var (name, expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(_model.Nodes[name]);
                continue;
            }
            if (!visited.Add(name))
            {
                continue;
            }
            if (!_model.Nodes.TryGetValue(name, out var node))
            {
                throw new ModelLoadException($"{_model.File}: node '{name}' is referenced but not defined");
            }
            stack.Push((name, true));
            foreach (var input in node.Inputs)
            {
                stack.Push((input, false));
            }
        }
        return order;
    }
}
