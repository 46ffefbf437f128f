using System.Globalization;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Perf;

/// <summary>
/// Echo-mode glass-to-glass latency: the real server in echo mode, headless Chromium sending a numbered fake-camera
/// clip (<see cref="CounterCamera"/>) and reading the numbers back from its local preview and from the echoed video
/// (web/latency.js). Not a BenchmarkDotNet suite: one measurement is one browser session, minutes long.
/// Usage: <c>dotnet run -c Release --project perf -- glass-to-glass [--seconds 20]</c>.
/// </summary>
internal static class GlassToGlass
{
    // 20 s of numbered frames at the clip's 30 fps: numbers repeat far later than any plausible latency.
    private const int ClipFrames = 600;

    // The encoder's start-up (first key frame, bitrate ramp) is not what this measures.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args is ["--seconds", var value] ? int.Parse(value, CultureInfo.InvariantCulture) : 20;
        var clip = CounterCamera.Make(ClipFrames);
        try
        {
            await using var server = await TestServer.StartEchoAsync();
            await using var browser = await EchoBrowser.OpenAsync(server.Address, clip, $"?latency={CounterCamera.LoopMilliseconds(ClipFrames)}");
            await browser.StartAsync();
            await WaitForFirstMatchAsync(browser);
            await Task.Delay(WarmUp);
            await browser.Page.EvaluateAsync("window.latency.samples = []");
            var bytesBefore = (await browser.InboundStatsAsync()).GetProperty("bytesReceived").GetInt64();
            await Task.Delay(TimeSpan.FromSeconds(seconds));

            var state = await browser.Page.EvaluateAsync<JsonElement>("window.latency");
            var stats = await browser.InboundStatsAsync();
            Console.WriteLine($"{seconds} s after a {WarmUp.TotalSeconds} s warm-up, {FakeCamera.Width}×{FakeCamera.Height} at {FakeCamera.FramesPerSecond} fps; browser inbound: {stats}");
            var bytes = stats.GetProperty("bytesReceived").GetInt64() - bytesBefore;
            Console.WriteLine($"echoed video received at {bytes * 8 / 1000 / seconds} kbit/s (RTP payload)");
            Console.WriteLine($"codes read: local {state.GetProperty("localRead")}, echoed {state.GetProperty("remoteRead")}; "
                + $"skipped: unreadable {state.GetProperty("unreadable")}, raced {state.GetProperty("raced")}, "
                + $"unavailable {state.GetProperty("unavailable")}, unpaired {state.GetProperty("unpaired")}");
            Console.WriteLine(Summary.Of("echoed presented − local presented", state.GetProperty("samples")));
            return 0;
        }
        finally
        {
            File.Delete(clip);
        }
    }

    private static async Task WaitForFirstMatchAsync(EchoBrowser browser)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await browser.Page.EvaluateAsync<int>("window.latency.samples.length") == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("no echoed frame matched a local one in 30 s:\n"
                    + await browser.Page.EvaluateAsync<string>("JSON.stringify(window.latency)") + "\n" + await browser.DiagnosticsAsync());
            }

            await Task.Delay(200);
        }
    }
}
