namespace PortraitStream.Inference.Bundles;

/// <summary>
/// The files of a bundle, read from a folder or held in memory (the generated default): one loader validates both.
/// </summary>
public sealed class BundleFiles
{
    private readonly Func<string, byte[]?> _read;

    private BundleFiles(string label, Func<string, byte[]?> read) => (Label, _read) = (label, read);

    /// <summary>Where the bundle came from, for messages: a folder path or a built-in bundle's name.</summary>
    public string Label { get; }

    public static BundleFiles FromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new ModelBundleException($"{directory}: model bundle folder not found");
        }
        return new BundleFiles(directory, name =>
        {
            var path = Path.Combine(directory, name);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        });
    }

    public static BundleFiles FromMemory(string label, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new BundleFiles(label, name => files.TryGetValue(name, out var bytes) ? bytes : null);
    }

    /// <summary>The bytes of <paramref name="name"/>, refusing the bundle when it is missing or empty.</summary>
    public byte[] Read(string name)
    {
        var bytes = _read(name);
        return bytes is { Length: > 0 } ? bytes : throw new ModelBundleException($"{name}: {(bytes is null ? "file not found" : "file is empty")} in model bundle {Label}");
    }
}
