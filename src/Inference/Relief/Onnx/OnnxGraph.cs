namespace PortraitStream.Inference.Relief.Onnx;

/// <summary>
/// A small ONNX graph under construction: inputs, outputs, initializers and nodes in insertion order, which is the
/// order <see cref="OnnxModelWriter"/> serialises them, so building the same graph twice gives the same bytes.
/// Intermediate values get sequential names ("v0", "v1", …) for the same reason.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>TensorProto.DataType values (onnx.proto).</summary>
    public const int Float = 1;
    public const int Int64 = 7;

    private readonly Dictionary<int, GraphValue> _scalars = [];
    private int _nextName;

    public List<ValueInfo> Inputs { get; } = [];
    public List<ValueInfo> Outputs { get; } = [];
    public List<Initializer> Initializers { get; } = [];
    public List<Node> Nodes { get; } = [];

    public GraphValue Input(string name, params long[] dims)
    {
        Inputs.Add(new ValueInfo(name, Float, dims));
        return new GraphValue(this, name);
    }

    /// <summary>Renames <paramref name="value"/> to the graph output <paramref name="name"/> (through Identity).</summary>
    public void Output(string name, GraphValue value, params long[] dims)
    {
        Nodes.Add(new Node("Identity", [value.Name], [name], []));
        Outputs.Add(new ValueInfo(name, Float, dims));
    }

    /// <summary>A float scalar constant; equal values share one initializer.</summary>
    public GraphValue Scalar(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        if (!_scalars.TryGetValue(bits, out var constant))
        {
            constant = Tensor([value], []);
            _scalars.Add(bits, constant);
        }
        return constant;
    }

    public GraphValue Tensor(float[] values, params long[] dims) => AddInitializer(new Initializer(NextName(), Float, dims, values, null));

    public GraphValue Int64Tensor(params long[] values) => AddInitializer(new Initializer(NextName(), Int64, [values.Length], null, values));

    /// <summary>One node with one output.</summary>
    public GraphValue Op(string opType, GraphValue[] inputs, params Attribute[] attributes)
    {
        var output = NextName();
        Nodes.Add(new Node(opType, [.. inputs.Select(i => i.Name)], [output], attributes));
        return new GraphValue(this, output);
    }

    private GraphValue AddInitializer(Initializer initializer)
    {
        Initializers.Add(initializer);
        return new GraphValue(this, initializer.Name);
    }

    private string NextName() => $"v{_nextName++}";

    public sealed record ValueInfo(string Name, int ElementType, long[] Dims);

    public sealed record Initializer(string Name, int ElementType, long[] Dims, float[]? Floats, long[]? Int64s);

    public sealed record Node(string OpType, string[] Inputs, string[] Outputs, Attribute[] Attributes);

    /// <summary>A node attribute: exactly one of <see cref="Int"/>, <see cref="Ints"/>, <see cref="Float"/>, <see cref="Text"/> is set.</summary>
    public sealed record Attribute(string Name, long? Int = null, float? Float = null, string? Text = null, long[]? Ints = null);
}
