using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;

namespace PortraitStream.Perf;

/// <summary>
/// Model names on a harness's command line: a built-in bundle by its name (<see cref="BuiltInBundles"/>: "relief-v2",
/// "relief"), or a bundle folder by its path (docs/model-bundle.md).
/// </summary>
internal static class ModelResolver
{
    public static IEnumerable<string> BuiltInNames => BuiltInBundles.Names;

    /// <summary>Loads <paramref name="name"/>; a name that is neither built in nor a folder is a <see cref="ModelBundleException"/> saying so.</summary>
    public static ModelBundle Load(string name, OnnxSessionFactory sessions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (BuiltInBundles.Find(name) is { } files)
        {
            return ModelBundle.Load(files, sessions);
        }
        if (Directory.Exists(name))
        {
            return ModelBundle.Load(name, sessions);
        }
        throw new ModelBundleException(
            $"{name}: not a built-in model ({string.Join(", ", BuiltInBundles.Names)}) and no model bundle folder of that name");
    }
}
