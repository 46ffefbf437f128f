namespace PortraitStream.Inference.Onnx;

/// <summary>Which ONNX Runtime execution provider to use.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>CUDA when the GPU package's CUDA provider loads and a CUDA device is present, else CPU.</summary>
    Auto,
    Cpu,
    /// <summary>CUDA or fail: for deployments where silently running on CPU would be a bug.</summary>
    Cuda,
}

/// <summary>The provider chosen and the one-line reason, as logged at start-up and shown in stats.</summary>
public sealed record ExecutionProviderChoice(string Name, string Reason)
{
    public bool IsCuda => Name == ExecutionProviderPolicy.CudaName;

    public override string ToString() => $"{Name} ({Reason})";
}
