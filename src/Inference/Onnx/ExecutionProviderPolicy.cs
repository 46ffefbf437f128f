namespace PortraitStream.Inference.Onnx;

/// <summary>
/// Chooses the execution provider once per process: CUDA when ONNX Runtime's CUDA provider library sits beside
/// libonnxruntime.so (./setup.sh --gpu puts it there) and the driver reports a CUDA device; CPU otherwise.
/// </summary>
public static class ExecutionProviderPolicy
{
    public const string CpuName = "CPU";
    public const string CudaName = "CUDA";
    internal const string CudaProviderLibrary = "libonnxruntime_providers_cuda.so";

    public static ExecutionProviderChoice Choose(ExecutionProviderPreference preference)
    {
        if (preference == ExecutionProviderPreference.Cpu)
        {
            return new ExecutionProviderChoice(CpuName, "requested");
        }
        var problem = CudaProblem();
        if (problem is null)
        {
            return new ExecutionProviderChoice(CudaName, "provider library and CUDA device present");
        }
        if (preference == ExecutionProviderPreference.Cuda)
        {
            throw new InvalidOperationException($"CUDA execution provider requested but unavailable: {problem}");
        }
        return new ExecutionProviderChoice(CpuName, problem);
    }

    private static string? CudaProblem()
    {
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, CudaProviderLibrary)))
        {
            return $"{CudaProviderLibrary} not installed (run ./setup.sh --gpu)";
        }
        var (_, problem) = CudaProbe.CountDevices();
        return problem;
    }
}
