using System.Text.Json;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// Typed, range-checked access to one JSON object, every failure a <see cref="ModelBundleException"/> that names the
/// file and the dotted path of the field ("model.json: triplanes.resolution must be …").
/// </summary>
internal readonly struct JsonFields(JsonElement element, string file, string path)
{
    public JsonFields Object(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Object ? new JsonFields(value, file, Path(name)) : throw Fail(name, "must be an object");
    }

    /// <summary>The object at <paramref name="name"/>, or null when the field is absent or null.</summary>
    public JsonFields? OptionalObject(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Object(name) : null;

    public string String(string name, params string[] allowed)
    {
        var value = Required(name);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Fail(name, "must be a non-empty string");
        }
        if (allowed.Length > 0 && !allowed.Contains(text, StringComparer.Ordinal))
        {
            throw Fail(name, $"must be {string.Join(" or ", allowed.Select(a => $"\"{a}\""))}, got \"{text}\"");
        }
        return text;
    }

    /// <summary>A plain file name inside the bundle folder: no directories, so a bundle cannot reach outside itself.</summary>
    public string FileName(string name)
    {
        var text = String(name);
        return text == System.IO.Path.GetFileName(text) && text is not ("." or "..")
            ? text
            : throw Fail(name, $"must be a file name inside the bundle, got \"{text}\"");
    }

    public bool Bool(string name) => Required(name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Fail(name, "must be true or false"),
    };

    /// <summary>The bool at <paramref name="name"/>, or <paramref name="absent"/> when the field is absent or null.</summary>
    public bool OptionalBool(string name, bool absent) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Bool(name) : absent;

    public int Int(string name, int min, int max)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw Fail(name, $"must be an integer in [{min}, {max}], got {value.GetRawText()}");
    }

    public float Float(string name, float min, float max) => Number(Required(name), name, min, max);

    public float[] Floats(string name, int count, float min, float max)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != count)
        {
            throw Fail(name, $"must be an array of {count} numbers, got {value.GetRawText()}");
        }
        var self = this;
        return [.. value.EnumerateArray().Select((item, i) => self.Number(item, $"{name}[{i}]", min, max))];
    }

    public string[] Strings(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw Fail(name, $"must be an array of strings, got {value.GetRawText()}");
        }
        return [.. value.EnumerateArray().Select(item => item.GetString() ?? "")];
    }

    public ModelBundleException Fail(string name, string problem) => new($"{file}: {Path(name)} {problem}");

    private float Number(JsonElement value, string name, float min, float max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var number) && float.IsFinite(number) && number >= min && number <= max
            ? number
            : throw Fail(name, $"must be a number in [{min}, {max}], got {value.GetRawText()}");

    private JsonElement Required(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Fail(name, "is missing");

    private string Path(string name) => path.Length == 0 ? name : $"{path}.{name}";
}
