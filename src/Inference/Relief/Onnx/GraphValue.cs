namespace PortraitStream.Inference.Relief.Onnx;

/// <summary>
/// A tensor in an <see cref="OnnxGraph"/>; the arithmetic operators add ONNX nodes (with numpy broadcasting, as the
/// ONNX Add/Sub/Mul/Div operators define it), so geometry reads as the formula it builds.
/// </summary>
internal readonly record struct GraphValue(OnnxGraph Graph, string Name)
{
    public static GraphValue operator +(GraphValue a, GraphValue b) => a.Graph.Op("Add", [a, b]);
    public static GraphValue operator -(GraphValue a, GraphValue b) => a.Graph.Op("Sub", [a, b]);
    public static GraphValue operator *(GraphValue a, GraphValue b) => a.Graph.Op("Mul", [a, b]);
    public static GraphValue operator /(GraphValue a, GraphValue b) => a.Graph.Op("Div", [a, b]);
    public static GraphValue operator -(GraphValue a) => a.Graph.Op("Neg", [a]);

    public static GraphValue operator +(GraphValue a, float b) => a + a.Graph.Scalar(b);
    public static GraphValue operator -(GraphValue a, float b) => a - a.Graph.Scalar(b);
    public static GraphValue operator *(GraphValue a, float b) => a * a.Graph.Scalar(b);
    public static GraphValue operator /(GraphValue a, float b) => a / a.Graph.Scalar(b);
    public static GraphValue operator +(float a, GraphValue b) => b.Graph.Scalar(a) + b;
    public static GraphValue operator -(float a, GraphValue b) => b.Graph.Scalar(a) - b;
    public static GraphValue operator *(float a, GraphValue b) => b.Graph.Scalar(a) * b;
    public static GraphValue operator /(float a, GraphValue b) => b.Graph.Scalar(a) / b;

    public GraphValue Unary(string opType) => Graph.Op(opType, [this]);

    public GraphValue Max(GraphValue other) => Graph.Op("Max", [this, other]);

    public GraphValue Min(GraphValue other) => Graph.Op("Min", [this, other]);

    public GraphValue Max(float other) => Max(Graph.Scalar(other));

    public GraphValue Min(float other) => Min(Graph.Scalar(other));

    public GraphValue Square() => this * this;

    /// <summary>This value held to [<paramref name="min"/>, <paramref name="max"/>] (ONNX Clip).</summary>
    public GraphValue Clip(float min, float max) => Graph.Op("Clip", [this, Graph.Scalar(min), Graph.Scalar(max)]);
}
