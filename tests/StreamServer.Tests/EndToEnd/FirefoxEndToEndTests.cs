using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd.Firefox;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The product page in Debian's firefox-esr (driven through WebDriver BiDi) against the server in its default
/// pipeline mode, with the settings of <see cref="PortraitEndToEndTests"/>: Firefox's own SDP, ICE, DTLS and RTCP
/// against our media edge, and its VP8 decoder on our packets.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class FirefoxEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Firefox_PortraitCamera_FramesArrive_SetViewTurnsTheView()
    {
        await using var server = await TestServer.StartAsync(PortraitEndToEndTests.ServerArguments);
        await using var browser = await PortraitBrowser.OpenInFirefoxAsync(server.Address, "portrait.png");
        await browser.StartAsync();

        await browser.WaitForFramesAsync(30);
        await browser.WaitForAsync("window.portrait.stats && window.portrait.stats.face === 'tracking'", TimeSpan.FromSeconds(10), "'tracking' stats");
        var state = await browser.StateAsync();
        Assert.Equal(PortraitEndToEndTests.Size, state.GetProperty("width").GetInt32());
        Assert.False(state.GetProperty("stats").GetProperty("passthrough").GetBoolean(), state.ToString());

        var front = await PortraitEndToEndTests.SettledCaptureAsync(browser);
        Assert.True((await browser.CallAsync("SetView", 25, 0, 0, 1, 0)).Ok);
        var turned = await PortraitEndToEndTests.SettledCaptureAsync(browser);

        var difference = PortraitEndToEndTests.MeanAbsoluteDifference(front, turned);
        output.WriteLine($"stats: {state.GetProperty("stats")}");
        output.WriteLine($"mean absolute difference after a 25° turn: {difference:0.00}");
        Assert.True(difference > PortraitEndToEndTests.TurnedBound, $"25° turn changed the view by only {difference:0.00}");
        Assert.Equal(1, server.Sessions.Count);
        Assert.Equal(JsonValueKind.Null, (await browser.StateAsync()).GetProperty("error").ValueKind);
    }

    /// <summary>
    /// WebDriver BiDi's input.performActions through Firefox: see <see cref="MouseViewCheck"/>. A mouse aimed at no
    /// element, or off the page, fails with a message that says so.
    /// </summary>
    [Fact]
    public async Task Firefox_Mouse_DragTurnsTheView_LikeSetView_WheelZooms_BadTargetsFailClearly()
    {
        await using var server = await TestServer.StartAsync(PortraitEndToEndTests.ServerArguments);
        var firefox = await FirefoxBrowser.OpenAsync(server.Address + "/", CanvasCamera.PreloadScript("portrait.png"));
        await using var browser = new PortraitBrowser(firefox);
        await MouseViewCheck.AssertDragTurnsLikeSetView_WheelZoomsAsync(browser, firefox, output);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => firefox.WheelAsync("#no-such-view", -100));
        Assert.Equal("no element on the page matches '#no-such-view'", missing.Message);
        var offPage = await Assert.ThrowsAsync<InvalidOperationException>(() => firefox.DragAsync("#remote", 100_000, 0, 1));
        Assert.StartsWith("Firefox refused the WebDriver BiDi command input.performActions: move target out of bounds", offPage.Message);
    }

    [Fact]
    public async Task Firefox_OwnFakeCamera_NoFace_SessionStaysUp_CameraPassesThrough()
    {
        await using var server = await TestServer.StartAsync(PortraitEndToEndTests.ServerArguments);
        await using var browser = await PortraitBrowser.OpenInFirefoxAsync(server.Address, cameraImage: null);
        await PortraitEndToEndTests.AssertNoFacePassesThroughAsync(server, browser);
    }
}
