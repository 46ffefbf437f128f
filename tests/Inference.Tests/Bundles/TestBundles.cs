using System.Text.Json.Nodes;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Relief;

namespace PortraitStream.Inference.Tests.Bundles;

/// <summary>Small relief bundles (32² crop, 32² planes) to break in one place at a time.</summary>
internal static class TestBundles
{
    public static readonly ReliefOptions Small = new() { ImageSize = 32, Resolution = 32 };

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> SmallFiles = new(() => ReliefBundle.Generate(Small));

    public static Dictionary<string, byte[]> Files() => new(SmallFiles.Value);

    public static BundleFiles AsBundle(Dictionary<string, byte[]> files) => BundleFiles.FromMemory("test", files);

    /// <summary>The small bundle with model.json edited by <paramref name="edit"/>.</summary>
    public static BundleFiles WithManifest(Action<JsonObject> edit)
    {
        var files = Files();
        var json = JsonNode.Parse(files[ModelManifest.FileName])!.AsObject();
        edit(json);
        files[ModelManifest.FileName] = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        return AsBundle(files);
    }

    /// <summary>Sets the field at a dotted path ("triplanes.resolution"); a null value removes the field.</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, (node, part) => node[part]!.AsObject());
        if (value is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = value;
        }
    }
}
