using System.Diagnostics;

namespace PortraitStream.Inference.Imaging;

/// <summary>
/// The one place the project starts a command-line tool (ffmpeg, ffprobe). <see cref="Start"/> hands back a running
/// process with redirected pipes for streaming use (video frames); <see cref="RunAsync"/> runs one to the end with byte
/// pipes: optional stdin payload, stdout captured as bytes, stderr as text, all pumped concurrently so a large frame
/// can never deadlock the pipes, and the process killed when it overruns its timeout.
/// </summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr);

    /// <summary>Starts <paramref name="tool"/> with stdout and stderr (and stdin when asked) redirected.</summary>
    /// <exception cref="ImageIoException">The tool is not installed.</exception>
    public static Process Start(string tool, IReadOnlyList<string> arguments, bool redirectInput)
    {
        ArgumentNullException.ThrowIfNull(arguments);
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
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ImageIoException($"{tool} is not installed or not on PATH ({e.Message}); run ./setup.sh", e);
        }
    }

    public static async Task<Result> RunAsync(string tool, IReadOnlyList<string> arguments, ReadOnlyMemory<byte> stdin,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var process = Start(tool, arguments, redirectInput: true);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        try
        {
            var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream, token);
            var stderrTask = process.StandardError.ReadToEndAsync(token);
            await WriteStdinAsync(process, stdin, token).ConfigureAwait(false);
            var stdout = await stdoutTask.ConfigureAwait(false);
            var stderr = await stderrTask.ConfigureAwait(false);
            await process.WaitForExitAsync(token).ConfigureAwait(false);
            return new Result(process.ExitCode, stdout, stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new ImageIoException($"{tool} did not finish within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task WriteStdinAsync(Process process, ReadOnlyMemory<byte> stdin, CancellationToken token)
    {
        try
        {
            if (!stdin.IsEmpty)
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, token).ConfigureAwait(false);
            }
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool closed its stdin early (it failed on the input); its exit code and stderr say why.
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken token)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, token).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The first non-empty stderr line, for one-line error messages.</summary>
    public static string FirstLine(string stderr)
    {
        var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(line) ? "no diagnostic output" : line;
    }
}
