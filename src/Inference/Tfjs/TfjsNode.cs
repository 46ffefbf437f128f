using System.Text;
using System.Text.Json;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// One node of a TF.js graph model's GraphDef-as-JSON (tfjs-converter's "graph-model" format): op, name, inputs and the
/// attributes this importer reads. Inputs are node names; an ":k" suffix selects output k (every op imported here
/// has one output), a "^" prefix marks a control dependency, which carries no data and is dropped.
/// </summary>
internal sealed class TfjsNode(string name, string op, string[] inputs, JsonElement attributes)
{
    public string Name { get; } = name;

    public string Op { get; } = op;

    public string[] Inputs { get; } = inputs;

    public static TfjsNode Read(JsonElement node)
    {
        var inputs = node.TryGetProperty("input", out var list)
            ? list.EnumerateArray().Select(i => i.GetString()!).Where(i => !i.StartsWith('^')).Select(StripOutputIndex).ToArray()
            : [];
        // Cloned: the attributes outlive the JsonDocument the model was parsed from.
        var attributes = node.TryGetProperty("attr", out var attr) ? attr.Clone() : default;
        return new TfjsNode(node.GetProperty("name").GetString()!, node.GetProperty("op").GetString()!, inputs, attributes);
    }

    /// <summary>A list-of-ints attribute (ksize, strides, dilations), or null when absent.</summary>
    public long[]? Ints(string name) =>
        Attribute(name) is { } a && a.TryGetProperty("list", out var list) && list.TryGetProperty("i", out var ints)
            ? ints.EnumerateArray().Select(i => long.Parse(i.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : null;

    /// <summary>A string attribute (padding, data_format): GraphDef JSON stores bytes as base64.</summary>
    public string? Text(string name) =>
        Attribute(name) is { } a && a.TryGetProperty("s", out var s) ? Encoding.UTF8.GetString(s.GetBytesFromBase64()) : null;

    /// <summary>A list-of-strings attribute (the fused ops of _FusedConv2D).</summary>
    public string[] Texts(string name) =>
        Attribute(name) is { } a && a.TryGetProperty("list", out var list) && list.TryGetProperty("s", out var s)
            ? s.EnumerateArray().Select(e => Encoding.UTF8.GetString(e.GetBytesFromBase64())).ToArray()
            : [];

    public bool Flag(string name) => Attribute(name) is { } a && a.TryGetProperty("b", out var b) && b.GetBoolean();

    public float? Float(string name) => Attribute(name) is { } a && a.TryGetProperty("f", out var f) ? f.GetSingle() : null;

    private JsonElement? Attribute(string name) =>
        attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty(name, out var value) ? value : null;

    private static string StripOutputIndex(string input)
    {
        var colon = input.LastIndexOf(':');
        return colon > 0 ? input[..colon] : input;
    }
}
