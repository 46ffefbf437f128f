using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// Checks an encoder session's declared inputs and outputs (ONNX Runtime's metadata) against model.json: names,
/// float32 element type, ranks and every fixed dimension. A dynamic dimension (−1, e.g. an exported batch axis) is
/// accepted here; the encoder binds the output to a buffer of the declared shape, so a mismatch still fails at run time.
/// </summary>
internal static class EncoderContract
{
    public static void Check(InferenceSession session, ModelManifest manifest)
    {
        var file = manifest.Encoder.File;
        var image = manifest.Encoder.Image;
        var expectedInputs = new Dictionary<string, long[]> { [image.Name] = [1, 3, image.Size, image.Size] };
        if (manifest.Encoder.Face is { } face)
        {
            expectedInputs[face.Name] = [1, face.Length];
        }
        if (manifest.Encoder.Matte is { } matte)
        {
            expectedInputs[matte.Name] = [1, 1, image.Size, image.Size];
        }
        if (manifest.Encoder.Surround is { } surround)
        {
            expectedInputs[surround.Name] = [1, SurroundInputSpec.Channels, image.Size, image.Size];
        }
        foreach (var name in session.InputMetadata.Keys.Where(name => !expectedInputs.ContainsKey(name)))
        {
            throw new ModelBundleException($"{file}: input \"{name}\" is not declared in model.json (encoder.image.name / encoder.face.name / encoder.matte.name / encoder.surround.name)");
        }
        foreach (var (name, shape) in expectedInputs)
        {
            if (!session.InputMetadata.TryGetValue(name, out var metadata))
            {
                throw new ModelBundleException($"{file}: has no input \"{name}\" that model.json declares; its inputs are {Names(session.InputMetadata)}");
            }
            CheckTensor(file, "input", name, metadata, shape);
        }

        var triplanes = manifest.Triplanes;
        if (!session.OutputMetadata.TryGetValue(triplanes.Output, out var output))
        {
            throw new ModelBundleException($"{file}: has no output \"{triplanes.Output}\" (model.json triplanes.output); its outputs are {Names(session.OutputMetadata)}");
        }
        CheckTensor(file, "output", triplanes.Output, output, OutputShape(triplanes));
    }

    /// <summary>[1, planes, channels, R, R]: one frame of triplanes in NCHW order per plane.</summary>
    public static long[] OutputShape(TriplaneSpec triplanes) =>
        [1, triplanes.Layout.Planes, triplanes.Layout.Channels, triplanes.Layout.Resolution, triplanes.Layout.Resolution];

    private static void CheckTensor(string file, string role, string name, NodeMetadata metadata, long[] expected)
    {
        if (!metadata.IsTensor || metadata.ElementDataType != TensorElementType.Float)
        {
            throw new ModelBundleException($"{file}: {role} \"{name}\" must be a float32 tensor, is {(metadata.IsTensor ? metadata.ElementDataType.ToString() : metadata.OnnxValueType.ToString())}");
        }
        var dims = metadata.Dimensions;
        var matches = dims.Length == expected.Length && dims.Zip(expected).All(pair => pair.First < 0 || pair.First == pair.Second);
        if (!matches)
        {
            throw new ModelBundleException($"{file}: {role} \"{name}\" has shape [{string.Join(", ", dims)}], model.json declares [{string.Join(", ", expected)}]");
        }
    }

    private static string Names(IReadOnlyDictionary<string, NodeMetadata> metadata) => string.Join(", ", metadata.Keys.Select(k => $"\"{k}\""));
}
