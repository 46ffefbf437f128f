using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PortraitStream.Server.Tests.EndToEnd.Firefox;

/// <summary>
/// Debian's firefox-esr, headless, in a fresh profile, driven through WebDriver BiDi on one page: scripts, and a real
/// mouse through the input module. Playwright's Firefox
/// needs its own patched build; Firefox's native BiDi endpoint (--remote-debugging-port) needs nothing but the browser.
/// </summary>
internal sealed partial class FirefoxBrowser : IScriptedPage, IMouseInput
{
    public const string ExecutablePath = "/usr/bin/firefox-esr";

    /// <summary>Start-up on a loaded 2-core machine can take a while; a hung browser must still fail the test.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly FirefoxOutput _output;
    private BiDiConnection? _bidi;
    private string _context = "";

    private FirefoxBrowser(Process process, DirectoryInfo profile, FirefoxOutput output)
    {
        _process = process;
        _profile = profile;
        _output = output;
    }

    /// <summary>
    /// Starts Firefox, runs <paramref name="preloadScript"/> (a function declaration) before every document's own
    /// scripts when given, and opens <paramref name="url"/>.
    /// </summary>
    public static async Task<FirefoxBrowser> OpenAsync(string url, string? preloadScript = null)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Firefox is not installed ({ExecutablePath} is missing): run ./setup.sh, which installs Debian's firefox-esr package.");
        }

        var profile = FirefoxProfile.Create();
        var start = new ProcessStartInfo(ExecutablePath, ["--headless", "--no-remote", "--remote-debugging-port=0", "--profile", profile.FullName])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var output = new FirefoxOutput();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new FirefoxBrowser(process, profile, output);
        try
        {
            await browser.ConnectAsync(url, preloadScript);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync(string url, string? preloadScript)
    {
        var line = await _output.WaitForLineAsync(ListeningLine(), StartTimeout, _process);
        if (line is null)
        {
            var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not open its WebDriver BiDi port within {StartTimeout}";
            throw new InvalidOperationException($"Firefox {why}; its last output:\n{_output.Recent()}");
        }

        var endpoint = new Uri(ListeningLine().Match(line).Groups["url"].Value + "/session");
        _bidi = await BiDiConnection.ConnectAsync(endpoint, CommandTimeout);
        await SendAsync("session.new", new JsonObject { ["capabilities"] = new JsonObject() });
        var tree = await SendAsync("browsingContext.getTree", new JsonObject { ["maxDepth"] = 0 });
        _context = tree.GetProperty("contexts")[0].GetProperty("context").GetString()!;
        if (preloadScript is not null)
        {
            await SendAsync("script.addPreloadScript", new JsonObject { ["functionDeclaration"] = preloadScript });
        }

        await SendAsync("browsingContext.navigate", new JsonObject { ["context"] = _context, ["url"] = url, ["wait"] = "complete" });
    }

    public async Task<JsonElement?> EvaluateAsync(string expression)
    {
        // BiDi returns its own RemoteValue serialisation; JSON.stringify in the page gives plain JSON instead.
        var value = await EvaluateRemoteValueAsync($"(async () => JSON.stringify(await ({expression})))()", expression);
        return value.GetProperty("type").GetString() == "string"
            ? JsonDocument.Parse(value.GetProperty("value").GetString()!).RootElement.Clone()
            : null;
    }

    public async Task DragAsync(string selector, int dx, int dy, int steps) =>
        await PerformActionsAsync(BiDiInputSources.Drag(BiDiInputSources.ElementOrigin(await SharedIdAsync(selector)), dx, dy, steps));

    public async Task WheelAsync(string selector, int deltaY) =>
        await PerformActionsAsync(BiDiInputSources.Scroll(BiDiInputSources.ElementOrigin(await SharedIdAsync(selector)), deltaY));

    /// <summary>Runs one input source's actions, then releases whatever they left pressed, even when Firefox refused them.</summary>
    private async Task PerformActionsAsync(JsonObject source)
    {
        try
        {
            await SendAsync("input.performActions", new JsonObject { ["context"] = _context, ["actions"] = new JsonArray(source) });
        }
        finally
        {
            await SendAsync("input.releaseActions", new JsonObject { ["context"] = _context });
        }
    }

    /// <summary>The shared reference (BiDi's sharedId) of the first element matching <paramref name="selector"/>, for an element origin.</summary>
    private async Task<string> SharedIdAsync(string selector)
    {
        var node = await EvaluateRemoteValueAsync($"document.querySelector({JsonSerializer.Serialize(selector)})", selector);
        return node.GetProperty("type").GetString() == "node"
            ? node.GetProperty("sharedId").GetString()!
            : throw new InvalidOperationException($"no element on the page matches '{selector}'");
    }

    /// <summary>Evaluates <paramref name="expression"/> and returns BiDi's RemoteValue of the result; a script exception throws.</summary>
    private async Task<JsonElement> EvaluateRemoteValueAsync(string expression, string description)
    {
        var result = await SendAsync("script.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["target"] = new JsonObject { ["context"] = _context },
            ["awaitPromise"] = true,
            ["resultOwnership"] = "none",
        });
        if (result.GetProperty("type").GetString() == "exception")
        {
            var details = result.GetProperty("exceptionDetails");
            throw new InvalidOperationException($"Firefox: {details.GetProperty("text").GetString()} (evaluating {description})");
        }

        return result.GetProperty("result");
    }

    private Task<JsonElement> SendAsync(string method, JsonObject parameters) =>
        _bidi!.SendAsync(method, parameters, CommandTimeout);

    public async ValueTask DisposeAsync()
    {
        if (_bidi is not null)
        {
            await _bidi.DisposeAsync();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _profile.Delete(recursive: true);
    }

    [GeneratedRegex(@"WebDriver BiDi listening on (?<url>ws://\S+)")]
    private static partial Regex ListeningLine();
}
