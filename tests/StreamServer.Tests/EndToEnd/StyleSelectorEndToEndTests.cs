namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The page's Style selector in real Chromium over real WebRTC: filled from the hub's Styles() when the session starts,
/// and choosing a style there changes the streamed picture (sketch: grey pencil on paper instead of the camera's colours).
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class StyleSelectorEndToEndTests
{
    [Fact]
    public async Task StyleSelector_ListsTheStyles_AndChoosingOneChangesTheStream()
    {
        await using var server = await TestServer.StartAsync(PortraitEndToEndTests.ServerArguments);
        await using var browser = await PortraitBrowser.OpenAsync(server.Address);
        await browser.StartAsync();
        await browser.WaitForFramesAsync(5);
        await browser.WaitForAsync("[...document.getElementById('style').options].map(o => o.value).join() === 'none,toon,outline,hologram,sketch'",
            PortraitBrowser.FrameDeadline, "the style selector filled from Styles()");
        var plain = await PortraitEndToEndTests.SettledCaptureAsync(browser);

        await browser.EvaluateAsync("(() => { const s = document.getElementById('style'); s.value = 'sketch'; s.dispatchEvent(new Event('change')); return true; })()");
        var sketched = await PortraitEndToEndTests.SettledCaptureAsync(browser);

        double difference = PortraitEndToEndTests.MeanAbsoluteDifference(sketched, plain);
        Assert.True(difference > PortraitEndToEndTests.TurnedBound, $"choosing sketch changed the stream by only {difference:0.00}");
        Assert.Null((await browser.StateAsync()).GetProperty("error").GetString());
    }
}
