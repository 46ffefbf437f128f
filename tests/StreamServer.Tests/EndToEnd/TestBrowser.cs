using System.Text.Json;
using Microsoft.Playwright;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>Debian's Chromium, headless, with a fake camera playing a .y4m clip, on one page of the server; Playwright's mouse is the real mouse.</summary>
internal sealed class TestBrowser : IScriptedPage, IMouseInput
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

    /// <param name="extraArguments">More Chromium switches (a test certificate's SPKI to trust).</param>
    /// <param name="initScript">Script run in the page before any of its own (a mocked browser API).</param>
    public static async Task<TestBrowser> OpenAsync(string url, string cameraClip, IEnumerable<string>? extraArguments = null, string? initScript = null)
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
                .. extraArguments ?? [],
            ],
        });
        var page = await browser.NewPageAsync();
        if (initScript is not null)
        {
            await page.AddInitScriptAsync(initScript);
        }
        await page.GotoAsync(url);
        return new TestBrowser(playwright, browser, page);
    }

    public Task<JsonElement?> EvaluateAsync(string expression) => Page.EvaluateAsync(expression);

    public async Task DragAsync(string selector, int dx, int dy, int steps)
    {
        var (x, y) = await CentreAsync(selector);
        await Page.Mouse.MoveAsync(x, y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(x + dx, y + dy, new() { Steps = steps });
        await Page.Mouse.UpAsync();
    }

    public async Task WheelAsync(string selector, int deltaY)
    {
        var (x, y) = await CentreAsync(selector);
        await Page.Mouse.MoveAsync(x, y);
        await Page.Mouse.WheelAsync(0, deltaY);
    }

    private async Task<(float X, float Y)> CentreAsync(string selector)
    {
        var box = await Page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"'{selector}' has no box on the page");
        return (box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
