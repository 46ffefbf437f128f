using System.Diagnostics;

namespace PortraitStream.Server.Tests.Cli;

/// <summary>Runs the real server binary (copied beside the tests) as a child process and captures its output.</summary>
internal static class ServerProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PortraitStream.Server.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
