using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// What a user does, in whichever browser: drag the rendered view with a real mouse, at web/js/view-control.js's
/// 0.3° per pixel, then turn the wheel. The dragged view must be the view SetView asks for by number: the page's
/// pointer handling, its throttled SetView calls and the server's easing together. Then a drag far past the model's
/// view range (the stats give it) stops at its edge, and a drag back by the range's width turns the view back to the
/// front: the page keeps its own view inside the range rather than winding up past it.
/// </summary>
internal static class MouseViewCheck
{
    private const string View = "#remote";
    private const int DragPixels = 100;
    private const int DragSteps = 10;
    private const double DegreesPerPixel = 0.3;
    private const int WheelPixels = -500;

    /// <summary>Starts a portrait session on <paramref name="browser"/>, whose page <paramref name="mouse"/> drives, and checks drag and wheel.</summary>
    public static async Task AssertDragTurnsLikeSetView_WheelZoomsAsync(PortraitBrowser browser, IMouseInput mouse, ITestOutputHelper output)
    {
        const double dragYawDegrees = DragPixels * DegreesPerPixel;
        await browser.StartAsync();
        await browser.WaitForFramesAsync(5);
        // Before tracking the camera passes through, which any rendered view differs from: compare rendered views only.
        await browser.WaitForAsync("window.portrait.stats && window.portrait.stats.face === 'tracking'", TimeSpan.FromSeconds(10), "'tracking' stats");
        var front = await PortraitEndToEndTests.SettledCaptureAsync(browser);

        await mouse.DragAsync(View, DragPixels, 0, DragSteps);
        var dragged = await PortraitEndToEndTests.SettledCaptureAsync(browser);

        Assert.True((await browser.CallAsync("SetView", dragYawDegrees, 0, 0, 1, 0)).Ok);
        var asked = await PortraitEndToEndTests.SettledCaptureAsync(browser);

        await mouse.WheelAsync(View, WheelPixels);
        var zoomed = await PortraitEndToEndTests.SettledCaptureAsync(browser);

        double turned = PortraitEndToEndTests.MeanAbsoluteDifference(front, dragged);
        double matching = PortraitEndToEndTests.MeanAbsoluteDifference(dragged, asked);
        double zoom = PortraitEndToEndTests.MeanAbsoluteDifference(asked, zoomed);
        output.WriteLine($"mean absolute difference: dragged vs front {turned:0.00}, dragged vs SetView({dragYawDegrees}) {matching:0.00}, wheel {zoom:0.00}");
        Assert.True(turned > PortraitEndToEndTests.TurnedBound, $"a {DragPixels}-pixel drag changed the view by only {turned:0.00}");
        Assert.True(matching < turned / 2, $"the dragged view differs from SetView({dragYawDegrees}) by {matching:0.00} (front: {turned:0.00})");
        Assert.True(zoom > PortraitEndToEndTests.TurnedBound, $"the wheel changed the view by only {zoom:0.00}");

        var maxYaw = (await browser.StateAsync()).GetProperty("stats").GetProperty("viewMaxYawDegrees").GetDouble();
        var rangePixels = (int)Math.Round(maxYaw / DegreesPerPixel);
        for (var drag = 0; drag < 3; drag++)
        {
            await mouse.DragAsync(View, rangePixels, 0, DragSteps);
        }
        await browser.WaitForAsync("Math.abs(window.portrait.stats.viewYawDegrees - window.portrait.stats.viewMaxYawDegrees) < 1", TimeSpan.FromSeconds(10),
            $"the view at the range's edge, {maxYaw}°, after dragging {3 * rangePixels * DegreesPerPixel}° past the front");
        await mouse.DragAsync(View, -rangePixels, 0, DragSteps);
        await browser.WaitForAsync("Math.abs(window.portrait.stats.viewYawDegrees) < 2", TimeSpan.FromSeconds(10), $"the view back at the front after dragging {maxYaw}° back");
        output.WriteLine($"view range ±{maxYaw}°: held at its edge, back at the front after a drag of {rangePixels} px");
    }
}
