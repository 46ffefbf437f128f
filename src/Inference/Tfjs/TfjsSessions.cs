using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// An ONNX Runtime session for a TF.js graph model, converted in memory when it is loaded (tens of milliseconds for
/// these few-MB models). Converting at load rather than at setup keeps one source of truth on disk (the npm files,
/// checked by integrity) and means a converter fix needs no re-run of setup; the session itself comes from
/// <see cref="OnnxSessionFactory"/> like every other model's.
/// </summary>
public static class TfjsSessions
{
    /// <summary>A session for <paramref name="modelJson"/>; a missing, truncated or unconvertible model is a <see cref="ModelLoadException"/> naming the file.</summary>
    public static InferenceSession Create(OnnxSessionFactory sessions, string modelJson)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return sessions.Create(TfjsToOnnx.Convert(TfjsGraphModel.Load(modelJson)), modelJson);
    }
}
