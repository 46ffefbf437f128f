using System.ComponentModel;
using System.Diagnostics;
using PortraitStream.Inference.Imaging;

namespace PortraitStream.Server.Media.Video;

/// <summary>Starts the ffmpeg / ffprobe CLIs with redirected pipes; a missing tool is an <see cref="ImageIoException"/> saying so.</summary>
internal static class Tool
{
    public static Process Start(string tool, IReadOnlyList<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new ImageIoException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new ImageIoException($"{tool} is not installed or not on PATH ({e.Message}); run ./setup.sh", e);
        }
    }

    /// <summary>Runs <paramref name="tool"/> to the end and returns its stdout.</summary>
    public static async Task<string> RunToEndAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(tool, arguments, redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await stderr.ConfigureAwait(false);
        return await stdout.ConfigureAwait(false);
    }
}
