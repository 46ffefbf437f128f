namespace PortraitStream.Server.Tests.Lp3d;

/// <summary>
/// Exports the `tiny` LP3D bundle once per test run (tools/lp3d/export.py, a few seconds: the whole topology at small
/// widths), with the PyTorch reference triplanes for a fixed crop and the weights as a state dict.
/// </summary>
public sealed class Lp3dTinyBundle : IDisposable
{
    public const int Seed = 7;

    private readonly string _root = Directory.CreateTempSubdirectory("lp3d-tiny-").FullName;

    public Lp3dTinyBundle()
    {
        var result = Exporter.Export("--config", "tiny", "--seed", $"{Seed}", "--out", BundleDirectory, "--reference", ReferenceDirectory,
            "--write-state-dict", StateDictPath);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/lp3d/export.py failed ({result.ExitCode}); it needs Debian's python3-torch and python3-onnx (./setup.sh):\n{result.Stderr}");
        }
        Log = result.Stdout;
    }

    /// <summary>The bundle folder: model.json, encoder.onnx, decoder.bin.</summary>
    public string BundleDirectory => Path.Combine(_root, "bundle");

    /// <summary>input.rgb (64·64·3 bytes) and triplanes.f32 (PyTorch's output for it), see tools/lp3d/reference.py.</summary>
    public string ReferenceDirectory => Path.Combine(_root, "reference");

    /// <summary>The same weights as a torch.save'd state dict, in the names --checkpoint reads.</summary>
    public string StateDictPath => Path.Combine(_root, "weights.pt");

    /// <summary>What the exporter printed (parameter counts).</summary>
    public string Log { get; }

    /// <summary>A copy of the bundle in a new folder under <paramref name="parent"/>, to break without touching the shared one.</summary>
    public string CopyTo(string parent)
    {
        var copy = Path.Combine(parent, "lp3d-tiny");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(BundleDirectory))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        return copy;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class Lp3dSuite : ICollectionFixture<Lp3dTinyBundle>
{
    public const string Name = "lp3d tiny bundle";
}
