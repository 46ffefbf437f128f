using System.Text.Json;
using Microsoft.Playwright;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// web/latency.js on a page: where it reads the frame numbers in each video, and its counters
/// (<c>window.latency</c>). Echo mode's page loads the script itself from its query; the product page (pipeline mode)
/// gets it added by the harness, so the product carries no measuring code.
/// </summary>
internal static class LatencyPage
{
    /// <summary>echo.html's query for a clip of <paramref name="clipFrames"/> frames stamped with <see cref="CodePlacement.EchoStrip"/>.</summary>
    public static string EchoQuery(int clipFrames)
    {
        var layout = CodePlacement.EchoStrip.CameraLayout;
        return "?latency=" + Uri.EscapeDataString(CodeLayout.Options(CounterCamera.LoopMilliseconds(clipFrames), layout, layout));
    }

    /// <summary>
    /// Starts measuring on the product page, whose rendered view is <paramref name="size"/>² and whose camera plays a
    /// clip of <paramref name="clipFrames"/> frames stamped with <paramref name="code"/>.
    /// </summary>
    public static async Task StartOnProductPageAsync(IPage page, FaceCode code, int clipFrames, int size)
    {
        await page.AddScriptTagAsync(new() { Url = "/latency.js" });
        var options = CodeLayout.Options(CounterCamera.LoopMilliseconds(clipFrames), code.Placement.CameraLayout, code.RenderedLayout(size));
        await page.EvaluateAsync("o => measureLatency(document.getElementById('local'), document.getElementById('remote'), JSON.parse(o))", options);
    }

    public static async Task<JsonElement> StateAsync(IPage page) => await page.EvaluateAsync<JsonElement>("window.latency");

    public static async Task<int> SamplesAsync(IPage page) => await page.EvaluateAsync<int>("window.latency.samples.length");

    /// <summary>Forgets the samples so far (a warm-up); the counters keep counting.</summary>
    public static Task ForgetSamplesAsync(IPage page) => page.EvaluateAsync("window.latency.samples = []");

    /// <summary>The counters in one line, for a report or a failure message.</summary>
    public static string Describe(JsonElement state) =>
        $"read: local {state.GetProperty("localRead")}, received {state.GetProperty("remoteRead")}; unreadable: local "
        + $"{state.GetProperty("localUnreadable")}, received {state.GetProperty("remoteUnreadable")}; raced {state.GetProperty("raced")}, "
        + $"unavailable {state.GetProperty("unavailable")}, unpaired {state.GetProperty("unpaired")}, paired {state.GetProperty("samples").GetArrayLength()}";
}
