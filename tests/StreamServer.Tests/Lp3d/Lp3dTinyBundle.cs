using System.Diagnostics;

namespace PortraitStream.Server.Tests.Lp3d;

/// <summary>
/// Exports the `tiny` LP3D bundle once per test run with Debian's Python (tools/lp3d/export.py, copied beside the
/// tests by the csproj), plus the PyTorch reference triplanes for a fixed crop. A few seconds; the tiny config keeps
/// the whole network topology at small widths.
/// </summary>
public sealed class Lp3dTinyBundle : IDisposable
{
    /// <summary>Debian's interpreter, with python3-torch and python3-onnx from apt (setup.sh); never a pyenv one.</summary>
    public const string Python = "/usr/bin/python3";
    public const int Seed = 7;

    private readonly string _root = Directory.CreateTempSubdirectory("lp3d-tiny-").FullName;

    public Lp3dTinyBundle()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "tools", "lp3d", "export.py");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "--config", "tiny", "--seed", $"{Seed}", "--out", BundleDirectory, "--reference", ReferenceDirectory })
        {
            start.ArgumentList.Add(argument);
        }
        // The scripts sit in the build output: no __pycache__ beside them.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("tools/lp3d/export.py --config tiny did not finish in 3 minutes");
        }
        Log = stdout.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/lp3d/export.py failed ({process.ExitCode}); needs Debian's python3-torch and python3-onnx (./setup.sh):\n{stderr.Result}");
        }
    }

    /// <summary>The bundle folder: model.json, encoder.onnx, decoder.bin.</summary>
    public string BundleDirectory => Path.Combine(_root, "bundle");

    /// <summary>input.rgb (64·64·3 bytes) and triplanes.f32 (PyTorch's output for it), see tools/lp3d/reference.py.</summary>
    public string ReferenceDirectory => Path.Combine(_root, "reference");

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
