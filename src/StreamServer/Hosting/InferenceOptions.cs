using PortraitStream.Inference.Onnx;

namespace PortraitStream.Server.Hosting;

/// <summary>ONNX Runtime settings (configuration section "Inference").</summary>
internal sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Auto (CUDA when available, else CPU), Cpu, or Cuda (fail at start when CUDA is unavailable).</summary>
    public ExecutionProviderPreference ExecutionProvider { get; set; } = ExecutionProviderPreference.Auto;
}
