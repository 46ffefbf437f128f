using System.Text.Json;
using Microsoft.Playwright;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>Debian's Chromium, headless, with a fake camera playing a .y4m clip, on one page of the server.</summary>
internal sealed class TestBrowser : IScriptedPage
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private TestBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<TestBrowser> OpenAsync(string url, string cameraClip)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-video-capture={cameraClip}", "--disable-background-networking",
            ],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url);
        return new TestBrowser(playwright, browser, page);
    }

    public Task<JsonElement?> EvaluateAsync(string expression) => Page.EvaluateAsync(expression);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
