using System.Diagnostics;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd.Firefox;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>A browser on the product page (web/index.html) and what its <c>window.portrait</c> offers, in Chromium or Firefox.</summary>
internal sealed class PortraitBrowser(IScriptedPage page) : IAsyncDisposable
{
    public static readonly TimeSpan FrameDeadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Chromium, its fake camera playing <paramref name="cameraClip"/> (the portrait when null).</summary>
    /// <param name="serverAddress">The server's base address.</param>
    /// <param name="cameraClip">The Y4M clip the fake camera plays.</param>
    /// <param name="page">The page's path under the server, fragment included (<c>/#token=…</c>).</param>
    /// <param name="browserArguments">More Chromium switches.</param>
    public static async Task<PortraitBrowser> OpenAsync(string serverAddress, string? cameraClip = null, string page = "/",
        IEnumerable<string>? browserArguments = null) =>
        new(await TestBrowser.OpenAsync(serverAddress + page, cameraClip ?? FakeCamera.Portrait, browserArguments));

    /// <summary>
    /// Firefox, its camera showing tests/data/<paramref name="cameraImage"/>, or Firefox's own synthetic fake camera
    /// (no face) when null.
    /// </summary>
    public static async Task<PortraitBrowser> OpenInFirefoxAsync(string serverAddress, string? cameraImage) =>
        new(await FirefoxBrowser.OpenAsync(serverAddress + "/", cameraImage is null ? null : CanvasCamera.PreloadScript(cameraImage)));

    /// <summary>The page itself, for harness scripts beyond <c>window.portrait</c> (the latency reader).</summary>
    public IScriptedPage Page => page;

    public Task StartAsync() => page.EvaluateAsync("window.portrait.start()");

    public Task StopAsync() => page.EvaluateAsync("window.portrait.stop()");

    /// <summary>Evaluates a JavaScript expression that has a value (awaited when a promise).</summary>
    public async Task<JsonElement> EvaluateAsync(string expression) =>
        await page.EvaluateAsync(expression) ?? throw new InvalidOperationException($"'{expression}' has no value");

    public Task<JsonElement> StateAsync() => EvaluateAsync(
        "({ frames: window.portrait.frames, width: window.portrait.width, height: window.portrait.height, connection: window.portrait.connection, error: window.portrait.error, stats: window.portrait.stats })");

    public async Task<int> FramesAsync() => (await EvaluateAsync("window.portrait.frames")).GetInt32();

    /// <summary>Calls a hub method through the page; (ok, the server's message when refused).</summary>
    public async Task<(bool Ok, string? Error)> CallAsync(string method, params object?[] arguments)
    {
        var result = await EvaluateAsync($"window.portrait.call({JsonSerializer.Serialize(method)}, ...{JsonSerializer.Serialize(arguments)})");
        var error = result.GetProperty("error");
        return (result.GetProperty("ok").GetBoolean(), error.ValueKind == JsonValueKind.Null ? null : error.GetString());
    }

    /// <summary>The rendered view now, 64 × 64 grey levels.</summary>
    public async Task<double[]> CaptureAsync() => (await EvaluateAsync("window.portrait.capture(64)")).Deserialize<double[]>()!;

    /// <summary>Waits until the page has shown <paramref name="frames"/> frames in all (fails with the page state).</summary>
    public async Task WaitForFramesAsync(int frames, TimeSpan? deadline = null) =>
        await WaitForAsync($"window.portrait.frames >= {frames}", deadline ?? FrameDeadline, $"{frames} frames");

    /// <summary>Waits until <paramref name="condition"/> (JavaScript) holds, or fails with the page state.</summary>
    public async Task WaitForAsync(string condition, TimeSpan deadline, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!(await EvaluateAsync($"!!({condition})")).GetBoolean())
        {
            if (waited.Elapsed > deadline)
            {
                Assert.Fail($"no {what} within {deadline}: {await StateAsync()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    public ValueTask DisposeAsync() => page.DisposeAsync();
}
