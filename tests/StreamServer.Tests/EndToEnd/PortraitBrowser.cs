using System.Text.Json;
using Microsoft.Playwright;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>A <see cref="TestBrowser"/> on the product page (web/index.html) and what its <c>window.portrait</c> offers.</summary>
internal sealed class PortraitBrowser(TestBrowser browser) : IAsyncDisposable
{
    public static readonly TimeSpan FrameDeadline = TimeSpan.FromSeconds(30);

    public IPage Page => browser.Page;

    public static async Task<PortraitBrowser> OpenAsync(string serverAddress, string? cameraClip = null) =>
        new(await TestBrowser.OpenAsync(serverAddress + "/", cameraClip ?? FakeCamera.Portrait));

    public Task StartAsync() => Page.EvaluateAsync("window.portrait.start()");

    public Task StopAsync() => Page.EvaluateAsync("window.portrait.stop()");

    public async Task<JsonElement> StateAsync() => await Page.EvaluateAsync<JsonElement>(
        "({ frames: window.portrait.frames, width: window.portrait.width, height: window.portrait.height, connection: window.portrait.connection, error: window.portrait.error, stats: window.portrait.stats })");

    public async Task<int> FramesAsync() => await Page.EvaluateAsync<int>("window.portrait.frames");

    /// <summary>Calls a hub method through the page; (ok, the server's message when refused).</summary>
    public async Task<(bool Ok, string? Error)> CallAsync(string method, params object?[] arguments)
    {
        var result = await Page.EvaluateAsync<JsonElement>("([m, a]) => window.portrait.call(m, ...a)", new object[] { method, arguments });
        var error = result.GetProperty("error");
        return (result.GetProperty("ok").GetBoolean(), error.ValueKind == JsonValueKind.Null ? null : error.GetString());
    }

    /// <summary>The rendered view now, 64 × 64 grey levels.</summary>
    public async Task<double[]> CaptureAsync() => await Page.EvaluateAsync<double[]>("window.portrait.capture(64)");

    /// <summary>Waits until the page has shown <paramref name="frames"/> frames in all (fails with the page state).</summary>
    public async Task WaitForFramesAsync(int frames, TimeSpan? deadline = null) =>
        await WaitForAsync($"window.portrait.frames >= {frames}", deadline ?? FrameDeadline, $"{frames} frames");

    /// <summary>Waits until <paramref name="condition"/> (JavaScript) holds, or fails with the page state.</summary>
    public async Task WaitForAsync(string condition, TimeSpan deadline, string what)
    {
        try
        {
            await Page.WaitForFunctionAsync(condition, null, new() { Timeout = (float)deadline.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no {what} within {deadline}: {await StateAsync()}");
        }
    }

    public ValueTask DisposeAsync() => browser.DisposeAsync();
}
