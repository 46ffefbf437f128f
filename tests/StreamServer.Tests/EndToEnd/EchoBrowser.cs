using System.Text.Json;
using Microsoft.Playwright;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>A <see cref="TestBrowser"/> on web/echo.html with the portrait camera, and that page's functions.</summary>
internal sealed class EchoBrowser(TestBrowser browser) : IAsyncDisposable
{
    public IPage Page => browser.Page;

    /// <summary>The same page as a browser-neutral scripted page (what the latency reader drives).</summary>
    public IScriptedPage Scripted => browser;

    /// <param name="serverAddress">The echo server's base address.</param>
    /// <param name="clip">The Y4M clip the fake camera plays; the portrait clip when null.</param>
    /// <param name="query">Appended to echo.html's address, e.g. <c>?latency</c>.</param>
    public static async Task<EchoBrowser> OpenAsync(string serverAddress, string? clip = null, string query = "") =>
        new(await TestBrowser.OpenAsync(serverAddress + "/echo.html" + query, clip ?? FakeCamera.Portrait));

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

    public ValueTask DisposeAsync() => browser.DisposeAsync();
}
