using System.Diagnostics;
using System.Text;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// tools/whip-publish.py (copied beside the tests) run with Debian's Python: GStreamer's webrtcbin — libnice ICE, its
/// own DTLS-SRTP and RTP — publishing a moving 320×240 test pattern (VP8 or x264 H.264) and an Opus tone over WHIP,
/// then DELETEing its resource when its time is up or on SIGTERM.
/// </summary>
internal sealed class GStreamerPublisher : IAsyncDisposable
{
    /// <summary>Debian's interpreter, which has python3-gi (a pyenv one on PATH would not).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The script's size of picture (its defaults).</summary>
    public const int Width = 320, Height = 240;

    /// <summary>The script's exit code when PyGObject, GStreamer or one of its elements is missing.</summary>
    private const int MissingGStreamer = 3;

    private static readonly Lazy<string?> Unusable = new(FindWhyUnusable);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GStreamerPublisher(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Script => Path.Combine(AppContext.BaseDirectory, "tools", "whip-publish.py");

    /// <summary>Why the publisher cannot run here (Python, PyGObject or a GStreamer element absent), or null.</summary>
    public static string? WhyUnusable => Unusable.Value;

    /// <summary>Publishes <paramref name="codec"/> (vp8 or h264) to <paramref name="url"/> for <paramref name="time"/> once connected.</summary>
    public static GStreamerPublisher Start(string url, string codec, string? token, TimeSpan time)
    {
        string[] arguments = [url, "--codec", codec, "--seconds", time.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        return new(Launch(token is null ? arguments : [.. arguments, "--token", token]));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything it printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SIGTERM, as a service manager stops it: the script DELETEs its resource and exits.</summary>
    public void Terminate() => ProcessSignal.Send(_process, "TERM");

    /// <summary>Its exit code once it ended; fails the test when it runs past <paramref name="deadline"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"whip-publish.py still running after {deadline}:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static Process Launch(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The script sits in the build output: no __pycache__ beside it.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return Process.Start(start)!;
    }

    /// <summary>`whip-publish.py --check`: exit 3 names what is missing; anything else is the tests' to report.</summary>
    private static string? FindWhyUnusable()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is absent (Debian's python3 with python3-gi; ./setup.sh installs it)";
        }

        using var check = Launch("--check");
        var stderr = check.StandardError.ReadToEndAsync();
        _ = check.StandardOutput.ReadToEndAsync();
        if (!check.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            check.Kill(entireProcessTree: true);
            return null;
        }

        return check.ExitCode == MissingGStreamer ? stderr.Result.Trim() : null;
    }
}

/// <summary>A fact that needs <see cref="GStreamerPublisher"/>'s packages; skipped with what is missing otherwise.</summary>
public sealed class GStreamerPublisherFactAttribute : FactAttribute
{
    public GStreamerPublisherFactAttribute() => Skip = GStreamerPublisher.WhyUnusable;
}

/// <summary>A theory that needs <see cref="GStreamerPublisher"/>'s packages; skipped with what is missing otherwise.</summary>
public sealed class GStreamerPublisherTheoryAttribute : TheoryAttribute
{
    public GStreamerPublisherTheoryAttribute() => Skip = GStreamerPublisher.WhyUnusable;
}
