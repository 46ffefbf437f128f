using System.Buffers.Binary;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// The decoder weights file (docs/model-bundle.md): little-endian; the ASCII magic "PSDW", uint32 format version 1,
/// int32 inputs, hidden, outputs; then float32 fc1 weight [hidden × inputs] row-major, fc1 bias [hidden], fc2 weight
/// [outputs × hidden] row-major, fc2 bias [outputs]. Weights are final (any run-time weight gain baked in).
/// </summary>
public static class DecoderWeightsFile
{
    private static ReadOnlySpan<byte> Magic => "PSDW"u8;
    private const uint Version = 1;
    private const int HeaderBytes = 20;

    public static byte[] Write(DecoderWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        float[][] arrays = [weights.W1, weights.B1, weights.W2, weights.B2];
        var bytes = new byte[HeaderBytes + arrays.Sum(a => a.Length) * sizeof(float)];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), weights.Inputs);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), weights.Hidden);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), weights.Outputs);
        var offset = HeaderBytes;
        foreach (var value in arrays.SelectMany(a => a))
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), value);
            offset += sizeof(float);
        }
        return bytes;
    }

    /// <summary>Reads and checks the file against the sizes model.json declares; <paramref name="file"/> names it in errors.</summary>
    public static DecoderWeights Read(ReadOnlySpan<byte> bytes, string file, int inputs, int hidden, int outputs)
    {
        if (bytes.Length < HeaderBytes || !bytes[..4].SequenceEqual(Magic))
        {
            throw new ModelBundleException($"{file}: not a decoder weights file (no \"PSDW\" header)");
        }
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (version != Version)
        {
            throw new ModelBundleException($"{file}: format version must be {Version}, got {version}");
        }
        (int Inputs, int Hidden, int Outputs) declared = (inputs, hidden, outputs);
        (int Inputs, int Hidden, int Outputs) found = (BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]));
        if (found != declared)
        {
            throw new ModelBundleException(
                $"{file}: sizes (inputs, hidden, outputs) = {found} disagree with model.json's (triplanes.channels, decoder.hidden, decoder.outputs) = {declared}");
        }
        var expected = HeaderBytes + ((long)hidden * inputs + hidden + (long)outputs * hidden + outputs) * sizeof(float);
        if (bytes.Length != expected)
        {
            throw new ModelBundleException($"{file}: is {bytes.Length} bytes, sizes {found} need {expected}");
        }
        var floats = new float[(bytes.Length - HeaderBytes) / sizeof(float)];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(HeaderBytes + i * sizeof(float))..]);
            if (!float.IsFinite(floats[i]))
            {
                throw new ModelBundleException($"{file}: weight {i} is not finite ({floats[i]})");
            }
        }
        var w1 = floats[..(hidden * inputs)];
        var b1 = floats[(hidden * inputs)..(hidden * inputs + hidden)];
        var w2Start = hidden * inputs + hidden;
        var w2 = floats[w2Start..(w2Start + outputs * hidden)];
        var b2 = floats[(w2Start + outputs * hidden)..];
        return new DecoderWeights(inputs, hidden, outputs, w1, b1, w2, b2);
    }
}
