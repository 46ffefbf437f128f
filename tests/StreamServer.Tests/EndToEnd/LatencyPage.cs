using System.Text.Json;

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
        return "?latency=" + Uri.EscapeDataString(CodeLayout.Options(CounterCamera.LoopMilliseconds(clipFrames), CodePlacement.EchoStrip.Code, layout, layout));
    }

    /// <summary>
    /// Starts measuring on the product page, whose rendered view is <paramref name="size"/>² and whose camera plays a
    /// clip of <paramref name="clipFrames"/> frames stamped with <paramref name="code"/>.
    /// </summary>
    public static async Task StartOnProductPageAsync(IScriptedPage page, FaceCode code, int clipFrames, int size)
    {
        await page.EvaluateAsync("""
            new Promise((loaded, failed) => {
              const script = Object.assign(document.createElement('script'), { src: '/latency.js' });
              script.onload = () => loaded(true);
              script.onerror = () => failed(new Error('/latency.js did not load'));
              document.head.append(script);
            })
            """);
        // The options are JSON, so they stand in the expression as an object literal.
        var options = CodeLayout.Options(CounterCamera.LoopMilliseconds(clipFrames), code.Placement.Code, code.Placement.CameraLayout, code.RenderedLayout(size));
        await page.EvaluateAsync($"measureLatency(document.getElementById('local'), document.getElementById('remote'), {options})");
    }

    public static async Task<JsonElement> StateAsync(IScriptedPage page) =>
        await page.EvaluateAsync("window.latency") ?? throw new InvalidOperationException("web/latency.js is not running on the page");

    public static async Task<int> SamplesAsync(IScriptedPage page) => (await StateAsync(page)).GetProperty("samples").GetArrayLength();

    /// <summary>Forgets the samples so far (a warm-up); the counters keep counting.</summary>
    public static Task ForgetSamplesAsync(IScriptedPage page) => page.EvaluateAsync("window.latency.samples = []");

    /// <summary>
    /// Writes the pictures of the rejected (unreadable or mixed) frames web/latency.js kept, as PNGs, into a new
    /// temporary folder and returns its path, for a failure message: what made a frame unreadable shows in its picture.
    /// </summary>
    public static string SaveRejected(JsonElement state)
    {
        var folder = Directory.CreateTempSubdirectory("latency-rejected-").FullName;
        var n = 0;
        foreach (var frame in state.GetProperty("rejected").EnumerateArray())
        {
            var picture = frame.GetProperty("picture").GetString() ?? "";
            var name = $"{n++:00}-{frame.GetProperty("side").GetString()}-{frame.GetProperty("kind").GetString()}.png";
            File.WriteAllBytes(Path.Combine(folder, name), Convert.FromBase64String(picture[(picture.IndexOf(',') + 1)..]));
        }

        return folder;
    }

    /// <summary>The counters in one line, for a report or a failure message.</summary>
    public static string Describe(JsonElement state) =>
        $"read: local {state.GetProperty("localRead")}, received {state.GetProperty("remoteRead")}; unreadable: local "
        + $"{state.GetProperty("localUnreadable")}, received {state.GetProperty("remoteUnreadable")}; mixed/rejected: local "
        + $"{state.GetProperty("localMixed")}, received {state.GetProperty("remoteMixed")}; raced {state.GetProperty("raced")}, "
        + $"unavailable {state.GetProperty("unavailable")}, unpaired {state.GetProperty("unpaired")}, paired {state.GetProperty("samples").GetArrayLength()}";
}
