using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;

namespace PortraitStream.Perf;

/// <summary>
/// Model names on a harness's command line: a built-in bundle by its name ("relief"), or a bundle folder by its path
/// (docs/model-bundle.md). A new built-in model is one more entry in <see cref="BuiltIn"/>.
/// </summary>
internal static class ModelResolver
{
    private static readonly Dictionary<string, Func<BundleFiles>> BuiltIn = new(StringComparer.Ordinal)
    {
        [ReliefBundle.Name] = () => ReliefBundle.Default,
    };

    public static IEnumerable<string> BuiltInNames => BuiltIn.Keys;

    /// <summary>Loads <paramref name="name"/>; a name that is neither built in nor a folder is a <see cref="ModelBundleException"/> saying so.</summary>
    public static ModelBundle Load(string name, OnnxSessionFactory sessions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (BuiltIn.TryGetValue(name, out var files))
        {
            return ModelBundle.Load(files(), sessions);
        }
        if (Directory.Exists(name))
        {
            return ModelBundle.Load(name, sessions);
        }
        throw new ModelBundleException(
            $"{name}: not a built-in model ({string.Join(", ", BuiltIn.Keys)}) and no model bundle folder of that name");
    }
}
