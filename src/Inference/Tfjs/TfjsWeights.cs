using System.Buffers.Binary;
using System.Text.Json;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// Reads a TF.js weights manifest: groups of binary shards, each group's shards concatenated, its weights laid out
/// back to back in manifest order, little-endian. A weight may be stored quantized ("quantization": float16, or
/// uint8/uint16 with value = q·scale + min, tfjs-converter's affine scheme) and is dequantized to float here.
/// </summary>
internal static class TfjsWeights
{
    public static Dictionary<string, TfjsTensor> Read(JsonElement manifest, string folder, string modelFile)
    {
        var tensors = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        foreach (var group in manifest.EnumerateArray())
        {
            var paths = group.GetProperty("paths").EnumerateArray().Select(p => Path.Combine(folder, p.GetString()!)).ToArray();
            var data = ReadShards(paths);
            var offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                var name = weight.GetProperty("name").GetString()!;
                var shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var count = shape.Aggregate(1, (a, d) => checked(a * d));
                var stored = StoredType(weight);
                var bytes = count * SizeOf(stored, modelFile, name);
                if (offset + bytes > data.Length)
                {
                    throw new ModelLoadException(
                        $"{paths[0]}: weight '{name}' needs bytes {offset}..{offset + bytes}, the shards hold {data.Length} (truncated?)");
                }
                tensors[name] = new TfjsTensor(shape, Decode(data.AsSpan(offset, bytes), stored, weight, count));
                offset += bytes;
            }
        }
        return tensors;
    }

    private static byte[] ReadShards(string[] paths)
    {
        using var buffer = new MemoryStream();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new ModelLoadException($"{path}: weights shard not found");
            }
            using var shard = File.OpenRead(path);
            shard.CopyTo(buffer);
        }
        return buffer.ToArray();
    }

    /// <summary>The type the bytes are stored as: the quantization type when quantized, else the weight's own.</summary>
    private static string StoredType(JsonElement weight) =>
        weight.TryGetProperty("quantization", out var q) ? q.GetProperty("dtype").GetString()! : weight.GetProperty("dtype").GetString()!;

    private static int SizeOf(string type, string modelFile, string name) => type switch
    {
        "float32" or "int32" => 4,
        "float16" or "uint16" => 2,
        "uint8" => 1,
        _ => throw new ModelLoadException($"{modelFile}: weight '{name}' has unsupported type '{type}'"),
    };

    private static float[] Decode(ReadOnlySpan<byte> bytes, string stored, JsonElement weight, int count)
    {
        var values = new float[count];
        var (scale, min) = weight.TryGetProperty("quantization", out var q) && q.TryGetProperty("scale", out var s)
            ? (s.GetSingle(), q.GetProperty("min").GetSingle())
            : (1f, 0f);
        for (var i = 0; i < count; i++)
        {
            values[i] = stored switch
            {
                "float32" => BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]),
                "int32" => BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]),
                "float16" => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]),
                "uint16" => BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) * scale + min,
                _ => bytes[i] * scale + min,
            };
        }
        return values;
    }
}
