using Microsoft.Extensions.DependencyInjection;
using PortraitStream.Server.Pipeline.Control;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The OBS user's steering page end to end: one headless Chromium publishes its portrait camera over WHIP (as OBS
/// would), a second opens /control.html, picks that session from the list, attaches, and turns the view with a real
/// mouse drag; the server's pipeline (default mode) renders the session from the new angle, which its stats report.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class ControlPageEndToEndTests(ITestOutputHelper output)
{
    /// <summary>web/js/view-control.js turns 0.3° per pixel dragged.</summary>
    private const int DragPixels = 100;
    private const double DragYawDegrees = DragPixels * 0.3;

    [Fact]
    public async Task ControlPage_AttachesToAWhipSession_AndTurnsItsView()
    {
        await using var server = await TestServer.StartAsync(PortraitEndToEndTests.ServerArguments);
        await using var publisher = await TestBrowser.OpenAsync(server.Address + "/echo.html", FakeCamera.Portrait);
        var id = await WhipEndToEndTests.PublishAsync(publisher, "VP8");

        await using var control = await TestBrowser.OpenAsync(server.Address + "/control.html", FakeCamera.Portrait);
        await WaitForAsync(control, $"window.control.sessions.some(s => s.id === '{id}' && s.origin === 'whip')", "the WHIP session in the list");
        await control.Page.SelectOptionAsync("#session", id);
        await control.Page.ClickAsync("#attach");
        await WaitForAsync(control, "window.control.stats && window.control.stats.face === 'tracking' && window.control.stats.viewYawDegrees != null",
            "tracking stats of the attached session");
        var front = await ViewYawAsync(control);
        output.WriteLine($"attached; view yaw {front}°");
        Assert.InRange(front, -2, 2);

        await control.DragAsync("#pad", DragPixels, 0, 10);
        // The server eases toward the new view (150 ms) and reports the yaw each rendered frame was rendered from.
        await WaitForAsync(control, $"Math.abs(window.control.stats.viewYawDegrees - {DragYawDegrees}) < 1", $"a rendered view at yaw {DragYawDegrees}°");

        await control.Page.ClickAsync("[data-preset=three-quarter]");
        await WaitForAsync(control, "window.control.stats.preset === 'three-quarter'", "the three-quarter preset in the stats");
        var record = server.Services.GetRequiredService<SessionRegistry>().Find(id)!;
        Assert.Equal(ViewPreset.ThreeQuarter, record.Control.View.Preset);
        Assert.Equal(1, record.WatcherCount);

        // The publisher leaves: the page says the session ended and is detached.
        var deleted = await publisher.Page.EvaluateAsync<int>($"async () => (await fetch('/whip/{id}', {{ method: 'DELETE' }})).status");
        Assert.Equal(200, deleted);
        await WaitForAsync(control, "window.control.attached === null && window.control.error", "the end of the session on the page");
        Assert.Contains($"session {id} ended", (await control.EvaluateAsync("window.control.error"))!.Value.GetString(), StringComparison.Ordinal);
    }

    private static async Task<double> ViewYawAsync(TestBrowser page) =>
        (await page.EvaluateAsync("window.control.stats.viewYawDegrees"))!.Value.GetDouble();

    private static Task WaitForAsync(TestBrowser page, string condition, string what) =>
        PageWait.ForAsync(page, condition, "window.control", what);
}
