using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// An ONNX Runtime session for a TF.js graph model, converted in memory when it is first loaded (tens to a hundred
/// milliseconds for these few-MB models). Converting at load rather than at setup keeps one source of truth on disk (the
/// npm files, checked by integrity) and means a converter fix needs no re-run of setup; the session itself comes from
/// <see cref="OnnxSessionFactory"/> like every other model's. The converted model is kept for the process: every live
/// session's analyser opens the face mesh and the matte, and converting them again cost each new session 45–50 ms of
/// CPU on a 2-core machine (opening the face mesh 87–90 → 38–44 ms, the matte 23–25 → 13 ms; the rest is ONNX
/// Runtime's own session set-up).
/// </summary>
public static class TfjsSessions
{
    // Keyed by the model file's full path and its write time, so a file replaced on disk is converted afresh.
    private static readonly ConcurrentDictionary<(string Path, DateTime Written), byte[]> Converted = new();

    /// <summary>A session for <paramref name="modelJson"/>; a missing, truncated or unconvertible model is a <see cref="ModelLoadException"/> naming the file.</summary>
    public static InferenceSession Create(OnnxSessionFactory sessions, string modelJson)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(modelJson);
        return sessions.Create(Convert(modelJson), modelJson);
    }

    /// <summary>The ONNX form of <paramref name="modelJson"/>, converted once per file version; a failure is not kept.</summary>
    private static byte[] Convert(string modelJson)
    {
        var path = Path.GetFullPath(modelJson);
        // A missing file reads as written at 1601-01-01 (no exception); its load below then throws, and nothing is kept.
        var key = (path, File.GetLastWriteTimeUtc(path));
        return Converted.GetOrAdd(key, _ => TfjsToOnnx.Convert(TfjsGraphModel.Load(modelJson)));
    }
}
