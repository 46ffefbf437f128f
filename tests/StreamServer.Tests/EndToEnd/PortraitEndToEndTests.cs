using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PortraitStream.Renderer;
using PortraitStream.Server.Media.Codecs.Native;
using PortraitStream.Server.WebRtc.Dtls.Native;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The product end to end: headless Chromium with the portrait as its camera on the page at /, the server in its
/// default pipeline mode (real BlazeFace and relief encoder on ONNX Runtime CPU, the CPU reference renderer, libvpx),
/// at the issue's 256² with 6 + 6 samples per ray. Time to the first 30 frames (deadline 30 s), measured on the shared
/// 2-core VM on 2026-11-21: 4.1 s in the whole suite (./test.sh, Renderer and Inference tests alongside, load average
/// 9–10), a 7× margin; 16.3 s with those two projects started again beside it and other engineers' suites (load ≈ 25).
/// Past that (load 27–52) 256² got only 10–12 frames in 30 s, and 128² needed 25.7 s: at that load no size is safe.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class PortraitEndToEndTests(ITestOutputHelper output)
{
    /// <summary>The rendered view's side.</summary>
    internal const int Size = 256;

    /// <summary>The server's defaults (the live sampler) at the issue's 256²; SetQuality is tested to change them.</summary>
    internal static readonly string[] ServerArguments = ["--Pipeline:DefaultSize", $"{Size}"];

    /// <summary>Waits for the view easing (150 ms) and the frames already in flight.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Mean absolute grey-level difference (0–255, over 64² samples) that a 25° turn must exceed; the same view seen
    /// twice differs only by VP8 coding noise, a fraction of it.
    /// </summary>
    internal const double TurnedBound = 4.0;

    internal static double MeanAbsoluteDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    internal static async Task<double[]> SettledCaptureAsync(PortraitBrowser browser)
    {
        var frames = await browser.FramesAsync();
        await Task.Delay(Settle);
        await browser.WaitForFramesAsync(frames + 3);
        return await browser.CaptureAsync();
    }

    [Fact]
    public async Task Portrait_FramesArrive_TurnWithSetView_ReturnOnReset_StatsNameTheStages()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var browser = await PortraitBrowser.OpenAsync(server.Address);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await browser.StartAsync();

        await browser.WaitForFramesAsync(30);
        output.WriteLine($"first 30 frames {started.Elapsed.TotalSeconds:0.0} s after start (deadline {PortraitBrowser.FrameDeadline.TotalSeconds} s)");
        var state = await browser.StateAsync();
        Assert.Equal(Size, state.GetProperty("width").GetInt32());
        // The page's own count of what the browser received and decoded covers at least the frames it presented.
        var inbound = await browser.EvaluateAsync("window.portrait.inboundVideo()");
        Assert.True(inbound.GetProperty("framesDecoded").GetInt32() >= 30, inbound.ToString());
        Assert.True(inbound.GetProperty("framesReceived").GetInt32() >= inbound.GetProperty("framesDecoded").GetInt32(), inbound.ToString());
        await browser.WaitForAsync("window.portrait.stats !== null", TimeSpan.FromSeconds(5), "stats");
        var stats = (await browser.StateAsync()).GetProperty("stats");
        foreach (var stage in new[] { "decode", "track", "encode", "render", "vp8" })
        {
            Assert.True(stats.GetProperty("stageMs").GetProperty(stage).GetDouble() > 0, $"stage {stage}: {stats}");
        }
        Assert.Equal("tracking", stats.GetProperty("face").GetString());
        Assert.False(stats.GetProperty("passthrough").GetBoolean());
        // The fake camera shows the frontal portrait: the tracked head looks about into the camera. The face mesh reads
        // the subject's slight chin-down pose as about +9° of pitch (docs/architecture.md, face tracking), hence the
        // asymmetric bound.
        Assert.InRange(stats.GetProperty("headPitchDegrees").GetDouble(), -10, 16);
        Assert.InRange(stats.GetProperty("headYawDegrees").GetDouble(), -15, 15);
        Assert.Contains("head yaw", (await browser.EvaluateAsync("document.querySelector('#stats').innerText")).GetString());
        // The stats sit below the rendered view, hiding none of it (laid over it they covered the forehead and hair).
        Assert.True((await browser.EvaluateAsync(
            "document.querySelector('#stats').getBoundingClientRect().top >= document.querySelector('#remote').getBoundingClientRect().bottom")).GetBoolean(),
            "the stats cover the rendered view");
        Assert.True(stats.GetProperty("fpsOut").GetDouble() > 0, stats.ToString());

        var front = await SettledCaptureAsync(browser);
        Assert.True((await browser.CallAsync("SetView", 25, 0, 0, 1, 0)).Ok);
        var turned = await SettledCaptureAsync(browser);
        Assert.True((await browser.CallAsync("SetView", 0, 0, 0, 1, 0)).Ok);
        var back = await SettledCaptureAsync(browser);

        var turnedDifference = MeanAbsoluteDifference(front, turned);
        var backDifference = MeanAbsoluteDifference(front, back);
        output.WriteLine($"stats: {stats}");
        output.WriteLine($"mean absolute difference: turned 25° {turnedDifference:0.00}, reset {backDifference:0.00}");
        Assert.True(turnedDifference > TurnedBound, $"25° turn changed the view by only {turnedDifference:0.00}");
        Assert.True(backDifference < turnedDifference / 2, $"reset view differs by {backDifference:0.00} (turned: {turnedDifference:0.00})");
    }

    /// <summary>Playwright's mouse through Chromium: see <see cref="MouseViewCheck"/>.</summary>
    [Fact]
    public async Task Mouse_DragTurnsTheView_LikeSetView_WheelZooms()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        var chromium = await TestBrowser.OpenAsync(server.Address + "/", FakeCamera.Portrait);
        await using var browser = new PortraitBrowser(chromium);
        await MouseViewCheck.AssertDragTurnsLikeSetView_WheelZoomsAsync(browser, chromium, output);
    }

    [Fact]
    public async Task HostileControl_IsRefused_FloodIsRateLimited_SessionKeepsStreaming_ThenQualityAndPauseWork()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var browser = await PortraitBrowser.OpenAsync(server.Address);
        await browser.StartAsync();
        await browser.WaitForFramesAsync(5);

        (string Method, object?[] Arguments, string Expected)[] hostile =
        [
            ("SetView", [1000, 0, 0, 1, 0], "yaw"),
            ("SetView", [0, 95, 0, 1, 0], "pitch"),
            ("SetView", [0, 0, 0, -2, 0], "zoom"),
            ("SetView", [0, 0, 0, 1, 500], "fov"),
            ("SetView", [null, 0, 0, 1, 0], ""),          // NaN travels as null in JSON: a binding failure
            ("SetView", ["abc", 0, 0, 1, 0], ""),
            ("SetView", [0], ""),
            ("SetQuality", [100, "live", 0], "size"),
            ("SetQuality", [256, "reference", 1000], "samples"),
            ("SetQuality", [256, "live", 8], "own budget"),
            ("SetQuality", [256, "magic", 0], "unknown sampler"),
            ("SetQuality", [256, null, 0], "unknown sampler"),
            ("SetPreset", ["../../etc"], "unknown preset"),
            ("SetModel", ["../relief"], "no model"),
            ("SetBackground", ["image:/etc/passwd"], "no background image"),
            ("SetBackground", ["color:red"], "is not #RRGGBB"),
            ("NoSuchMethod", [], ""),
        ];
        foreach (var (method, arguments, expected) in hostile)
        {
            var (ok, error) = await browser.CallAsync(method, arguments);
            Assert.False(ok, $"{method}({string.Join(", ", arguments)}) was accepted");
            Assert.Contains(expected, error ?? "", StringComparison.Ordinal);
        }

        var flood = await browser.EvaluateAsync("""
            (async () => {
              const results = await Promise.all(Array.from({ length: 200 }, (_, i) => window.portrait.call('SetView', i % 20, 0, 0, 1, 0)));
              return { accepted: results.filter(r => r.ok).length, limited: results.filter(r => !r.ok && r.error.includes('Rate limit')).length };
            })()
            """);
        Assert.InRange(flood.GetProperty("accepted").GetInt32(), 1, 100);
        Assert.True(flood.GetProperty("limited").GetInt32() >= 100, flood.ToString());

        output.WriteLine($"flood of 200 SetView calls: {flood}");

        var frames = await browser.FramesAsync();
        await browser.WaitForFramesAsync(frames + 10);
        Assert.Equal(1, server.Sessions.Count);
        Assert.Equal(Size, (await browser.StateAsync()).GetProperty("width").GetInt32());

        // Legal control still works once the bucket has refilled: a new size reaches the browser.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.True((await browser.CallAsync("SetQuality", 192, "reference", 6)).Ok);
        await browser.WaitForAsync("window.portrait.width === 192", PortraitBrowser.FrameDeadline, "192² frames");
        Assert.True((await browser.CallAsync("SetBackground", "color:#ff00ff")).Ok);
        await browser.WaitForAsync("window.portrait.stats?.background === 'color:#ff00ff' && document.getElementById('background').value === 'color'",
            PortraitBrowser.FrameDeadline, "the stats and the selector naming the new background");

        // Pause stops new frames (allow those already in flight); Resume brings them back.
        Assert.True((await browser.CallAsync("Pause")).Ok);
        await Task.Delay(Settle);
        var paused = await browser.FramesAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.InRange(await browser.FramesAsync() - paused, 0, 1);
        Assert.True((await browser.CallAsync("Resume")).Ok);
        await browser.WaitForFramesAsync(paused + 5);
    }

    [Fact]
    public async Task TwoBrowsers_GetTheirOwnViews_ClosingOneLeavesTheOther()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var first = await PortraitBrowser.OpenAsync(server.Address);
        await using var second = await PortraitBrowser.OpenAsync(server.Address);
        await first.StartAsync();
        await second.StartAsync();
        await first.WaitForFramesAsync(10);
        await second.WaitForFramesAsync(10);
        Assert.Equal(2, server.Sessions.Count);

        Assert.True((await first.CallAsync("SetView", 30, 0, 0, 1, 0)).Ok);
        var turned = await SettledCaptureAsync(first);
        var front = await SettledCaptureAsync(second);
        Assert.True(MeanAbsoluteDifference(turned, front) > TurnedBound, "both browsers show the same view");

        await second.StopAsync();
        Assert.Equal(1, server.Sessions.Count);
        var frames = await first.FramesAsync();
        await first.WaitForFramesAsync(frames + 10);
        Assert.Null((await first.StateAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task NoFaceInTheCamera_SessionStaysUp_StatsSayNoFace_CameraPassesThrough()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var browser = await PortraitBrowser.OpenAsync(server.Address, FakeCamera.NoFace);
        await AssertNoFacePassesThroughAsync(server, browser);
    }

    /// <summary>Starts a session whose camera shows no face: frames keep coming, the camera passes through, stats say so.</summary>
    internal static async Task AssertNoFacePassesThroughAsync(TestServer server, PortraitBrowser browser)
    {
        await browser.StartAsync();
        await browser.WaitForFramesAsync(20);
        await browser.WaitForAsync("window.portrait.stats && window.portrait.stats.face === 'no face'", TimeSpan.FromSeconds(10), "'no face' stats");
        var state = await browser.StateAsync();
        Assert.True(state.GetProperty("stats").GetProperty("passthrough").GetBoolean(), state.ToString());
        Assert.Equal(Size, state.GetProperty("width").GetInt32());
        Assert.Equal(1, server.Sessions.Count);
        Assert.Equal("connected", state.GetProperty("connection").GetString());
    }

    [Fact]
    public async Task ClosingAndReconnecting_ReleasesEverySessionResource()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var browser = await PortraitBrowser.OpenAsync(server.Address);
        var device = server.Services.GetRequiredService<VolumeRendererFactory>().Device;

        async Task ConnectAndCloseAsync()
        {
            await browser.StartAsync();
            await browser.WaitForFramesAsync(await browser.FramesAsync() + 3);
            await browser.StopAsync();
            Assert.Equal(0, server.Sessions.Count);
        }

        // One session first: it creates what lives as long as the server (DTLS context, loaded model, Vulkan pipelines).
        await ConnectAndCloseAsync();
        long ssl = OpenSslHandle.LiveCount, vpx = SafeVpxCodecHandle.LiveCount;
        int udp = OpenSockets.CountUdp(), vulkan = device?.LiveObjects ?? 0;
        for (var i = 0; i < 3; i++)
        {
            await ConnectAndCloseAsync();
        }

        Assert.Equal(ssl, OpenSslHandle.LiveCount);
        Assert.Equal(vpx, SafeVpxCodecHandle.LiveCount);
        Assert.Equal(udp, OpenSockets.CountUdp());
        Assert.Equal(vulkan, device?.LiveObjects ?? 0);
    }
}
