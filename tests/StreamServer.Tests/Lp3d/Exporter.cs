using System.Diagnostics;

namespace PortraitStream.Server.Tests.Lp3d;

/// <summary>Runs tools/lp3d (copied beside the tests by the csproj) with Debian's Python.</summary>
internal static class Exporter
{
    /// <summary>Debian's interpreter, with python3-torch and python3-onnx from apt (setup.sh); never a pyenv one.</summary>
    public const string Python = "/usr/bin/python3";

    public static string Script => Path.Combine(AppContext.BaseDirectory, "tools", "lp3d", "export.py");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>`export.py ARGS…`.</summary>
    public static Result Export(params string[] arguments) => RunPython([Script, .. arguments]);

    /// <summary>`python3 ARGS…` (e.g. "-c", a snippet that edits a checkpoint).</summary>
    public static Result RunPython(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
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
            throw new TimeoutException($"{Python} {string.Join(' ', arguments)} did not finish in 3 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
