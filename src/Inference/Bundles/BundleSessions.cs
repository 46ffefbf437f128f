using Microsoft.ML.OnnxRuntime;

namespace PortraitStream.Inference.Bundles;

/// <summary>Creates an ONNX Runtime session over an in-memory model; <c>name</c> labels it in errors and logs.</summary>
public delegate InferenceSession OnnxSessionSource(byte[] model, string name);

/// <summary>
/// The bundle loader's default session source: CPU execution provider, full graph optimisation. The server passes its
/// own source (the execution-provider policy's factory) instead; tests and tools use this one.
/// </summary>
public static class BundleSessions
{
    public static InferenceSession Cpu(byte[] model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelBundleException($"{name}: not a loadable ONNX model ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }
}
