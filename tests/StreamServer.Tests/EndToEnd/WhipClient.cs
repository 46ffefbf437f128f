using System.Diagnostics;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Debian's <c>simple-whip-client</c> (<c>/usr/bin/whip-client</c>: GStreamer's webrtcbin behind a WHIP POST, as OBS
/// publishes) sending the committed portrait as a live 640×480 H.264 stream (x264, constrained baseline, a key frame a
/// second as OBS is told to) and an Opus tone, with a bearer token and its candidates in the offer (no trickle: we would
/// answer PATCH 405). On SIGINT (Ctrl+C) it DELETEs its resource. It runs with tools/whip-client/no-upnp-igd.c's library
/// first on its path (<see cref="ShimDirectory"/>), without which Debian 12's build aborts as webrtcbin starts.
/// </summary>
internal sealed class WhipClient : IAsyncDisposable
{
    public const string Path = "/usr/bin/whip-client";

    private static string Portrait => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "portrait.png");

    private static string Video => $"filesrc location={Portrait} ! pngdec ! imagefreeze is-live=true ! videoconvert ! videoscale"
        + " ! video/x-raw,width=640,height=480,framerate=30/1 ! queue"
        + " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=30 ! video/x-h264,profile=constrained-baseline"
        + " ! rtph264pay pt=102 ssrc=2 config-interval=-1 aggregate-mode=zero-latency ! queue ! application/x-rtp,media=video,encoding-name=H264,payload=102";

    private const string Audio = "audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample ! queue ! opusenc"
        + " ! rtpopuspay pt=100 ssrc=1 ! queue ! application/x-rtp,media=audio,encoding-name=OPUS,payload=100";

    // Debian 12's build links libsoup 2 while libnice (webrtcbin's ICE) links libsoup 3 through UPnP's gupnp-igd;
    // libsoup aborts such a process. The shim replaces gupnp-igd for the client.
    private const string SoupClash = "libsoup2 symbols detected";

    /// <summary>Where the build copies setup.sh's UPnP-less libgupnp-igd-1.0.so.4.</summary>
    private static string ShimDirectory => System.IO.Path.Combine(AppContext.BaseDirectory, "tools", "whip-client");

    private static readonly Lazy<string?> Unusable = new(FindWhyUnusable);

    private readonly Process _process;
    private readonly Task<string> _output;

    private WhipClient(Process process)
    {
        _process = process;
        _output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync())
            .ContinueWith(t => string.Concat(t.Result), TaskScheduler.Default);
    }

    /// <summary>Why the client cannot run here (absent, or the Debian build that aborts before any network), or null.</summary>
    public static string? WhyUnusable => Unusable.Value;

    /// <summary>Publishes to <paramref name="url"/> with <paramref name="token"/> (none: no Authorization header) until disposed.</summary>
    public static WhipClient Start(string url, string? token)
    {
        string[] arguments = ["-u", url, "-n", "-o", "-l", "4", "-V", Video, "-A", Audio];
        return new(Launch(token is null ? arguments : [.. arguments, "-t", token]));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGINT, as Ctrl+C stops it: the client DELETEs its resource and exits.</summary>
    public void Interrupt() => ProcessSignal.Send(_process, "INT");

    /// <summary>Everything it printed so far (complete once it exited).</summary>
    public async Task<string> OutputAsync(TimeSpan wait) =>
        await Task.WhenAny(_output, Task.Delay(wait)).ConfigureAwait(false) == _output ? await _output.ConfigureAwait(false) : "(still running)";

    /// <summary>Whether it exited within <paramref name="wait"/>.</summary>
    public async Task<bool> ExitedAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static Process Launch(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LD_LIBRARY_PATH"] = ShimDirectory;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>Starts the client against a closed port: a usable build fails the POST; a broken one aborts on start.</summary>
    private static string? FindWhyUnusable()
    {
        if (!File.Exists(Path))
        {
            return $"{Path} is absent (Debian package simple-whip-client; ./setup.sh installs it)";
        }

        using var probe = Launch("-u", "http://127.0.0.1:9/whip", "-n", "-o", "-V", Video);
        var output = probe.StandardError.ReadToEndAsync();
        var stdout = probe.StandardOutput.ReadToEndAsync();
        if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            probe.Kill(entireProcessTree: true);
        }

        return (output.Result + stdout.Result).Contains(SoupClash, StringComparison.Ordinal)
            ? $"{Path} aborts before any network I/O: \"{SoupClash}\" (Debian 12's simple-whip-client links libsoup 2, its libnice libsoup 3;"
              + $" ./setup.sh builds the library that avoids it, copied by the build into {ShimDirectory})"
            : null;
    }
}

/// <summary>A fact that needs a working <see cref="WhipClient"/>; skipped with the reason otherwise.</summary>
public sealed class WhipClientFactAttribute : FactAttribute
{
    public WhipClientFactAttribute()
    {
        if (WhipClient.WhyUnusable is { } reason)
        {
            Skip = reason;
        }
    }
}
