using Microsoft.ML.OnnxRuntime;

namespace PortraitStream.Inference.Onnx;

/// <summary>
/// Chooses the execution provider once per process: CUDA when ONNX Runtime is the GPU package (OrtGpu, which
/// ./setup.sh --gpu selects), its CUDA provider library loads (it links the CUDA 13 runtime: libcudart.so.13,
/// libcublas.so.13, libcublasLt.so.13, libcurand.so.10) and the driver reports a CUDA device; CPU otherwise, with the
/// first of those checks that failed as the reason.
/// </summary>
public static class ExecutionProviderPolicy
{
    public const string CpuName = "CPU";
    public const string CudaName = "CUDA";

    /// <summary>ONNX Runtime's name for the provider (onnxruntime/core/graph/constants.h, kCudaExecutionProvider).</summary>
    private const string OrtCudaProvider = "CUDAExecutionProvider";

    public static ExecutionProviderChoice Choose(ExecutionProviderPreference preference)
    {
        if (preference == ExecutionProviderPreference.Cpu)
        {
            return new ExecutionProviderChoice(CpuName, "requested");
        }
        var problem = CudaProblem();
        if (problem is null)
        {
            return new ExecutionProviderChoice(CudaName, "CUDA provider loaded and CUDA device present");
        }
        if (preference == ExecutionProviderPreference.Cuda)
        {
            throw new InvalidOperationException($"CUDA execution provider requested but unavailable: {problem}");
        }
        return new ExecutionProviderChoice(CpuName, problem);
    }

    private static string? CudaProblem()
    {
        // The list is fixed when ONNX Runtime is compiled: only the GPU package's libonnxruntime.so names CUDA, so a
        // provider library left in the output by an earlier GPU build is never mixed with the CPU package's core.
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(OrtCudaProvider))
        {
            return "ONNX Runtime CPU package; ./setup.sh --gpu or -p:OrtGpu=true builds with the CUDA one";
        }
        // The driver first: without one the provider library cannot load either (it links libcuda.so.1), and asking
        // ONNX Runtime to load it anyway would print its error log on every CPU-only machine.
        return CudaProbe.CountDevices().Problem ?? CudaProviderLoadProblem();
    }

    /// <summary>
    /// Appending the provider to throwaway options makes ONNX Runtime load libonnxruntime_providers_cuda.so and with it
    /// the CUDA libraries it links, without touching a device: a missing one is found here, at start-up, and the process
    /// runs on the CPU instead of failing its first session. ONNX Runtime's exception only says the load failed; its
    /// error log (stderr) names the library the loader could not find.
    /// </summary>
    private static string? CudaProviderLoadProblem()
    {
        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(0);
            return null;
        }
        catch (OnnxRuntimeException e)
        {
            return $"CUDA provider does not load ({OnnxSessionFactory.FirstLine(e.Message)}): it needs the CUDA 13 runtime " +
                   "and ONNX Runtime's error log names the missing library";
        }
    }
}
