using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace PortraitStream.Inference.Onnx;

/// <summary>
/// The one place ONNX Runtime sessions are created: applies the execution-provider choice (logged once), and turns
/// ONNX Runtime's failures on missing or corrupt models into <see cref="ModelLoadException"/>s naming the model.
/// Thread-safe; sessions it returns may be run concurrently (InferenceSession.Run is thread-safe).
/// </summary>
public sealed partial class OnnxSessionFactory
{
    private readonly ILogger _logger;

    public OnnxSessionFactory(ILogger<OnnxSessionFactory> logger, ExecutionProviderPreference preference = ExecutionProviderPreference.Auto)
    {
        _logger = logger;
        Provider = ExecutionProviderPolicy.Choose(preference);
        Log.ProviderChosen(_logger, Provider.Name, Provider.Reason);
    }

    public ExecutionProviderChoice Provider { get; }

    /// <summary>
    /// When set, every session this factory creates records ONNX Runtime's per-node profile into a JSON file whose
    /// name starts with this path, written when the session is disposed (perf harnesses only: it costs time per node).
    /// </summary>
    public string? ProfilePrefix { get; init; }

    /// <summary>A session over the ONNX file at <paramref name="path"/>.</summary>
    public InferenceSession Create(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"{path}: model file not found");
        }
        return CreateCore(Path.GetFileName(path), options => new InferenceSession(path, options));
    }

    /// <summary>A session over an in-memory ONNX model; <paramref name="name"/> labels it in errors and logs.</summary>
    public InferenceSession Create(byte[] model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Length == 0)
        {
            throw new ModelLoadException($"{name}: model is empty");
        }
        return CreateCore(name, options => new InferenceSession(model, options));
    }

    private InferenceSession CreateCore(string name, Func<SessionOptions, InferenceSession> open)
    {
        // ORT's own log goes straight to stderr; below Error it only reports graph clean-ups (unused initialisers).
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // Every session keeps its own intra-op thread pool, and by default those threads spin after each run waiting
        // for the next. The live pipeline runs several networks per frame (detector, face mesh, matte, encoder) beside
        // the renderer on the same cores, so spinning threads only take turns from the stages that have work.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        if (ProfilePrefix is not null)
        {
            // The prefix first: ORT reads it when profiling is switched on.
            options.ProfileOutputPathPrefix = ProfilePrefix;
            options.EnableProfiling = true;
        }
        if (Provider.IsCuda)
        {
            options.AppendExecutionProvider_CUDA(0);
        }
        try
        {
            var session = open(options);
            Log.SessionCreated(_logger, name, Provider.Name);
            return session;
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"{name}: not a loadable ONNX model ({FirstLine(e.Message)})", e);
        }
    }

    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "ONNX Runtime execution provider: {Provider} ({Reason})")]
        public static partial void ProviderChosen(ILogger logger, string provider, string reason);

        [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "ONNX model {Model} loaded on {Provider}")]
        public static partial void SessionCreated(ILogger logger, string model, string provider);
    }
}
