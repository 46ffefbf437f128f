using System.Text.Json;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// A TF.js graph model as read from disk (tfjs-converter's "graph-model" format: model.json holds the GraphDef as JSON,
/// a signature naming inputs and outputs, and a weights manifest over binary shards beside it). Only single-input
/// models are read; that is all the MediaPipe networks imported here need.
/// </summary>
internal sealed record TfjsGraphModel(
    string File,
    IReadOnlyDictionary<string, TfjsNode> Nodes,
    IReadOnlyDictionary<string, TfjsTensor> Constants,
    string InputNode,
    int[] InputShape,
    IReadOnlyList<(string Name, string Node, int[] Shape)> Outputs)
{
    /// <summary>Reads <paramref name="modelJson"/> and its weight shards; any problem is a <see cref="ModelLoadException"/> naming the file.</summary>
    public static TfjsGraphModel Load(string modelJson)
    {
        if (!System.IO.File.Exists(modelJson))
        {
            throw new ModelLoadException($"{modelJson}: model file not found");
        }
        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(modelJson));
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != "graph-model")
            {
                throw new ModelLoadException($"{modelJson}: not a TF.js graph model (\"format\" is not \"graph-model\")");
            }
            var nodes = root.GetProperty("modelTopology").GetProperty("node").EnumerateArray()
                .Select(TfjsNode.Read).ToDictionary(n => n.Name, StringComparer.Ordinal);
            var constants = TfjsWeights.Read(root.GetProperty("weightsManifest"), Path.GetDirectoryName(Path.GetFullPath(modelJson))!, modelJson);
            var signature = root.GetProperty("signature");
            var input = signature.GetProperty("inputs").EnumerateObject().Single().Value;
            var outputs = signature.GetProperty("outputs").EnumerateObject()
                .Select(o => (o.Name.Split(':')[0], o.Value.GetProperty("name").GetString()!.Split(':')[0], ReadShape(o.Value)))
                .ToList();
            return new TfjsGraphModel(modelJson, nodes, constants, input.GetProperty("name").GetString()!.Split(':')[0],
                ReadShape(input), outputs);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ModelLoadException($"{modelJson}: not a readable TF.js graph model ({e.Message})", e);
        }
    }

    /// <summary>The signature's shape; an unknown (−1) batch is fixed at 1, since frames are run one at a time.</summary>
    private static int[] ReadShape(JsonElement tensorInfo) =>
        tensorInfo.GetProperty("tensorShape").GetProperty("dim").EnumerateArray()
            .Select(d => int.Parse(d.GetProperty("size").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .Select(d => d < 0 ? 1 : d).ToArray();
}
