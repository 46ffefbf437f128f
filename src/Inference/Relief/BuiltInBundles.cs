using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief.V2;

namespace PortraitStream.Inference.Relief;

/// <summary>
/// The bundles generated in memory rather than installed: "relief-v2" (the default: relief from the person's face mesh
/// and matte) and "relief" (v1, from BlazeFace's six keypoints). Both geometric baselines, not learned models.
/// </summary>
public static class BuiltInBundles
{
    public const string DefaultName = ReliefV2Bundle.Name;

    private static readonly Dictionary<string, Func<BundleFiles>> Files = new(StringComparer.Ordinal)
    {
        [ReliefV2Bundle.Name] = () => ReliefV2Bundle.Default,
        [ReliefBundle.Name] = () => ReliefBundle.Default,
    };

    /// <summary>Their names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [ReliefV2Bundle.Name, ReliefBundle.Name];

    /// <summary>The files of the built-in bundle called <paramref name="name"/>, or null when there is none by that name.</summary>
    public static BundleFiles? Find(string name) => Files.TryGetValue(name, out var files) ? files() : null;

    /// <summary>
    /// The built-in bundle called <paramref name="nameOrFolder"/>, else the bundle folder at that path (what `--model`
    /// takes on the command line); neither is a <see cref="ModelBundleException"/> saying so, and a folder that breaks
    /// the contract is one naming the file and field.
    /// </summary>
    public static ModelBundle Load(string nameOrFolder, OnnxSessionFactory sessions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrFolder);
        if (Find(nameOrFolder) is { } files)
        {
            return ModelBundle.Load(files, sessions);
        }
        return Directory.Exists(nameOrFolder)
            ? ModelBundle.Load(Path.GetFullPath(nameOrFolder), sessions)
            : throw new ModelBundleException($"{nameOrFolder}: not a built-in model ({string.Join(", ", Names)}) and no model bundle folder of that name");
    }
}
