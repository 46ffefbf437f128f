using System.Text.Json;
using Microsoft.Playwright;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>Debian's Chromium, headless, with a fake camera clip (the portrait unless told), on web/echo.html.</summary>
internal sealed class EchoBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private EchoBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <param name="serverAddress">The echo server's base address.</param>
    /// <param name="clip">The Y4M clip the fake camera plays; <see cref="FakeCamera.Path"/> when null.</param>
    /// <param name="query">Appended to echo.html's address, e.g. <c>?latency</c>.</param>
    public static async Task<EchoBrowser> OpenAsync(string serverAddress, string? clip = null, string query = "")
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-video-capture={clip ?? FakeCamera.Path}", "--disable-background-networking",
            ],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(serverAddress + "/echo.html" + query);
        return new EchoBrowser(playwright, browser, page);
    }

    public Task StartAsync() => Page.EvaluateAsync("start()");

    public Task StopAsync() => Page.EvaluateAsync("stop()");

    public async Task<JsonElement> StateAsync() => await Page.EvaluateAsync<JsonElement>("window.echo");

    public async Task<JsonElement> InboundStatsAsync() => await Page.EvaluateAsync<JsonElement>("inboundStats()");

    /// <summary>Page state and the peer connection's transport statistics, for a failure message.</summary>
    public async Task<string> DiagnosticsAsync() => await Page.EvaluateAsync<string>("""
        (async () => {
          const parts = [JSON.stringify(window.echo), document.getElementById('status').textContent];
          if (pc) {
            parts.push(`pc=${pc.connectionState} ice=${pc.iceConnectionState}`);
            for (const s of (await pc.getStats()).values()) {
              if (['transport', 'candidate-pair', 'local-candidate', 'remote-candidate', 'inbound-rtp'].includes(s.type)) parts.push(JSON.stringify(s));
            }
          }
          return parts.join('\n');
        })()
        """);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
