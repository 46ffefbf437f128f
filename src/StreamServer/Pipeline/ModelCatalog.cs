using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Server.Pipeline;

/// <summary>
/// The installed model bundles: the built-in "relief-v2" (the default: relief from the person's face mesh and matte) and
/// "relief" (v1, from BlazeFace's keypoints), and every sub-folder of <see cref="PipelineOptions.ModelsDirectory"/>
/// that holds a model.json. A bundle is loaded on first use and then shared by all sessions (one ONNX Runtime session
/// per model: <see cref="OnnxEncoder.Encode(RgbImage, ReadOnlySpan{float}, Triplanes)"/>
/// is thread-safe).
/// </summary>
internal sealed class ModelCatalog(OnnxSessionFactory sessions, IOptions<PipelineOptions> options) : IDisposable
{
    public const string DefaultName = BuiltInBundles.DefaultName;

    private readonly ConcurrentDictionary<string, Lazy<ModelBundle>> _loaded = new(StringComparer.Ordinal);

    /// <summary>Names SetModel accepts now (the folder is read again on every call, so new bundles appear).</summary>
    public IReadOnlyList<string> Names()
    {
        var names = new List<string>(BuiltInBundles.Names);
        var root = options.Value.ModelsDirectory;
        if (Directory.Exists(root))
        {
            names.AddRange(Directory.EnumerateDirectories(root)
                .Where(d => File.Exists(Path.Combine(d, ModelManifest.FileName)))
                .Select(Path.GetFileName).OfType<string>()
                .Where(n => !BuiltInBundles.Names.Contains(n))
                .Order(StringComparer.Ordinal));
        }

        return names;
    }

    /// <summary>True once bundle <paramref name="name"/> has loaded (and so is answered without waiting).</summary>
    public bool IsLoaded(string name) => _loaded.TryGetValue(name, out var lazy) && lazy.IsValueCreated;

    /// <summary>The default built-in bundle.</summary>
    public ModelBundle Default => Get(DefaultName);

    /// <summary>
    /// The bundle called <paramref name="name"/>, loading it on first use. Only names <see cref="Names"/> lists are
    /// accepted, so no name can reach outside the models folder. Throws <see cref="ArgumentException"/> for an unknown
    /// name and <see cref="ModelBundleException"/> for a bundle that breaks the contract.
    /// </summary>
    public ModelBundle Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // The pipeline asks every frame: a loaded bundle is answered without reading the folder again.
        if (_loaded.TryGetValue(name, out var loaded) && loaded.IsValueCreated)
        {
            return loaded.Value;
        }

        if (!Names().Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"no model \"{ClientText.Printable(name)}\"; installed: {string.Join(", ", Names())}");
        }

        var lazy = _loaded.GetOrAdd(name, n => new Lazy<ModelBundle>(() => BuiltInBundles.Find(n) is { } files
            ? ModelBundle.Load(files, sessions)
            : ModelBundle.Load(Path.Combine(options.Value.ModelsDirectory, n), sessions)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<ModelBundle>>(name, lazy)); // a fixed bundle can be tried again
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _loaded.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }
    }
}
