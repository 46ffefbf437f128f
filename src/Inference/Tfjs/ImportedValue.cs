using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// What a TF.js node became while importing: a constant still on the host (so each use can lay it out as it needs),
/// or a tensor of the ONNX graph with its rank. Rank-4 graph tensors are NCHW, whatever the TF.js model's NHWC says:
/// ONNX's Conv, pooling and Resize work on NCHW, so the image layout is swapped once at the input and once at each
/// 4-D output instead of around every layer.
/// </summary>
internal readonly record struct ImportedValue(GraphValue? Tensor, TfjsTensor? Constant, int Rank)
{
    public static ImportedValue Of(GraphValue tensor, int rank) => new(tensor, null, rank);

    public static ImportedValue Of(TfjsTensor constant) => new(null, constant, constant.Rank);

    public bool IsConstant => Constant is not null;
}
