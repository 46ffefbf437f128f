using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;

namespace PortraitStream.Server.Cli;

/// <summary>The `--model` option of the commands that encode: a built-in bundle's name or a bundle folder.</summary>
internal static class CliModel
{
    public static string Description { get; } =
        $"A built-in model ({string.Join(", ", BuiltInBundles.Names)}; default {BuiltInBundles.DefaultName}) or a model bundle folder";

    /// <summary>Loads <paramref name="model"/> (null: the default built-in) as <see cref="BuiltInBundles.Load"/> does.</summary>
    public static ModelBundle Load(string? model, OnnxSessionFactory sessions) => BuiltInBundles.Load(model ?? BuiltInBundles.DefaultName, sessions);
}
