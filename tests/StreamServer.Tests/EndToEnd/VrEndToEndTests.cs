using System.Diagnostics;
using System.Text.Json;
using PortraitStream.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// /vr.html end to end in headless Chromium with the portrait as its camera (issue #15 item 3): the desktop fallback
/// (frames arrive side by side, a mouse drag leans the head, the server renders from there, the anaglyph toggle; with
/// the camera stopped the drag still turns the view, through pose-only re-renders; a push that reaches the page after its
/// picture still pairs with it), and
/// an immersive session on a mocked <c>navigator.xr</c> (<see cref="MockXr"/>) whose scripted head path reaches the
/// server and comes back in the frames' reports: every frame shown names a pose the script played, rendered from where
/// that pose put the head.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class VrEndToEndTests(ITestOutputHelper output)
{
    private const int Size = 128;
    private static readonly string[] ServerArguments = ["--Pipeline:DefaultSize", $"{Size}"];

    // The first posed frame waits for the tracker and a CPU render of both eyes on a loaded machine.
    private static readonly TimeSpan Deadline = 2 * PortraitBrowser.FrameDeadline;

    [Fact]
    public async Task DesktopFallback_FramesArrive_DragLeansTheHead_TheServerRendersFromThere()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/vr.html", FakeCamera.Portrait);
        await browser.Page.SetViewportSizeAsync(800, 600);
        Assert.True(await browser.Page.Locator("#enter-vr").IsDisabledAsync(), "Enter VR is offered without a headset");
        await browser.EvaluateAsync("window.vr.start('desktop')");

        await WaitForAsync(browser, "window.vr.shown.some(s => s.camera)", "a frame rendered from a viewer pose");
        var state = await StateAsync(browser);
        Assert.Equal((2 * Size, Size), (state.GetProperty("width").GetInt32(), state.GetProperty("height").GetInt32()));
        Assert.InRange(await NewestCameraXAsync(browser), -0.01, 0.01);

        await browser.DragAsync("#view", 200, 0, 10);
        Assert.Equal(0.2, (await browser.EvaluateAsync("window.vr.sender.sent.at(-1).position[0]"))!.Value.GetDouble(), 3);
        await WaitForAsync(browser, "window.vr.posedFrames.newest?.camera?.[0] > 0.19", "a frame rendered from the leaning head");
        await WaitForAsync(browser, "window.vr.shown.at(-1)?.camera?.[0] > 0.19", "the leaning head's frame on screen");

        await browser.Page.SelectOptionAsync("#display", "anaglyph");
        await WaitForAsync(browser, "document.getElementById('view').width === document.getElementById('view').height", "the square anaglyph");
        await WaitForAsync(browser, "window.vr.stats?.poseToPhotonMs > 0", "pose-to-photon in the stats");
        state = await StateAsync(browser);
        Assert.Equal(JsonValueKind.Null, state.GetProperty("error").ValueKind);
        output.WriteLine($"poses sent {state.GetProperty("sender").GetProperty("sent").GetArrayLength()} (last 512), dropped by the flood limit {state.GetProperty("sender").GetProperty("dropped").GetInt32()}");

        using var http = new HttpClient();
        var metrics = PrometheusText.Parse(await http.GetStringAsync(server.Address + "/metrics"));
        Assert.Equal("histogram", metrics.MetricTypes["portraitstream_pose_to_photon_seconds"]);
        Assert.True(metrics.Value("portraitstream_pose_to_photon_seconds_count") >= 1);
    }

    [Fact]
    public async Task CameraStopped_DragStillTurnsTheView_ThroughPoseOnlyFrames()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/vr.html", FakeCamera.Portrait);
        await browser.Page.SetViewportSizeAsync(800, 600);
        await browser.EvaluateAsync("window.vr.start('desktop')");
        await WaitForAsync(browser, "window.vr.shown.some(s => s.camera)", "a frame rendered from a viewer pose");

        // The page stops sending its camera; once the last frames have arrived, the server gets no new picture.
        await browser.EvaluateAsync("window.vr.sender.session.pc.getSenders().find(s => s.track?.kind === 'video').replaceTrack(null)");
        using var http = new HttpClient();
        var received = await CameraFramesReceivedAsync(http, server);
        for (var settled = await CameraFramesReceivedAsync(http, server); settled != received; settled = await CameraFramesReceivedAsync(http, server))
        {
            received = settled;
        }

        await browser.DragAsync("#view", 200, 0, 10);
        await WaitForAsync(browser, "window.vr.shown.at(-1)?.camera?.[0] > 0.19", "the leaning head's frame on screen with the camera stopped");
        var metrics = PrometheusText.Parse(await http.GetStringAsync(server.Address + "/metrics"));
        Assert.Equal(received, metrics.Value("portraitstream_frames_received"));
        Assert.True(metrics.Value("portraitstream_pose_frames_sent") >= 1, "no pose-only frame sent");
        Assert.Equal(JsonValueKind.Null, (await StateAsync(browser)).GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task PushesLaterThanTheirPictures_TheFramesShownStillTakeTheirOwnPoses()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/vr.html", FakeCamera.Portrait, initScript: LatePushesScript);
        await browser.Page.SetViewportSizeAsync(800, 600);
        await browser.EvaluateAsync("window.vr.start('desktop')");
        // Until the first frame is shown the page's layout still moves (the canvas takes the frames' size, the stats fill
        // in): a drag aimed before then can miss the canvas, and the head never leans (a clean-clone CI run waited a
        // minute at camera 0). The camera-stopped case above waits the same way.
        await WaitForAsync(browser, "window.vr.shown.some(s => s.camera)", "a frame rendered from a viewer pose");
        await browser.DragAsync("#view", 200, 0, 10);
        await WaitForAsync(browser, "window.vr.shown.at(-1)?.camera?.[0] > 0.19", "the leaning head's frame on screen");

        // Every frame shown whose push has come by now names that push's pose, not the one newest when it was presented.
        const string Paired = "window.vr.shown.filter(s => window.vr.posedFrames.byRtp.has(s.rtpTimestamp))";
        await WaitForAsync(browser, Paired + ".length >= 5", "5 frames shown whose pushes came");
        var paired = (await browser.EvaluateAsync(
            Paired + ".map(s => [s.poseTimestampMs ?? -1, window.vr.posedFrames.byRtp.get(s.rtpTimestamp).poseTimestampMs])"))!.Value
            .EnumerateArray().Select(p => (Shown: p[0].GetDouble(), Pushed: p[1].GetDouble())).ToArray();
        Assert.All(paired, p => Assert.Equal(p.Pushed, p.Shown));
    }

    // Holds every hub message carrying a PosedFrame push for half a second before the page sees it.
    private const string LatePushesScript = """
        (() => {
          const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
          Object.defineProperty(WebSocket.prototype, 'onmessage', {
            get() { return onmessage.get.call(this); },
            set(handler) {
              onmessage.set.call(this, handler && (e => typeof e.data === 'string' && e.data.includes('"target":"Frame"')
                ? setTimeout(() => handler.call(this, e), 500) : handler.call(this, e)));
            },
          });
        })();
        """;

    // Sampled a second apart: the same count twice means no picture is on its way.
    private static async Task<double> CameraFramesReceivedAsync(HttpClient http, TestServer server)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return PrometheusText.Parse(await http.GetStringAsync(server.Address + "/metrics")).Value("portraitstream_frames_received");
    }

    [Fact]
    public async Task MockedHeadset_ScriptedPosesReachTheServer_FramesReportThePosesTheyWereRenderedFor()
    {
        await using var server = await TestServer.StartAsync(ServerArguments);
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/vr.html", FakeCamera.Portrait, initScript: MockXr.Script);
        await WaitForAsync(browser, "!document.getElementById('enter-vr').disabled", "Enter VR offered for the (mocked) headset");
        await browser.Page.ClickAsync("#enter-vr");

        // Five frames, for at least three of the head's poses: under load the page's XR frames (and so its poses) can
        // come slower than the server's frames, which then show the newest pose again (seen in CI: 5 frames, 2 poses).
        await WaitForAsync(browser, "window.vr.shown.filter(s => s.camera).length >= 5 && new Set(window.vr.shown.filter(s => s.camera).map(s => s.poseTimestampMs)).size >= 3",
            "5 frames rendered from 3 of the scripted head's poses");
        await WaitForAsync(browser, "window.xrMock.drawn.left > 0 && window.xrMock.drawn.right > 0", "both eyes drawn");
        var state = await StateAsync(browser);
        Assert.Equal(JsonValueKind.Null, state.GetProperty("error").ValueKind);
        Assert.Equal("xr", state.GetProperty("mode").GetString());

        // Sent at most 90 a second, every one a pose the script played.
        var path = (await browser.EvaluateAsync("window.xrMock.path"))!.Value;
        var sent = state.GetProperty("sender").GetProperty("sent").EnumerateArray().Select(p => p.GetProperty("timestampMs").GetDouble()).ToArray();
        Assert.True(sent.Length > 20, $"{sent.Length} poses sent");
        Assert.All(sent, t => Assert.True(path.TryGetProperty(Key(t), out _), $"pose at {t} ms was not played"));
        Assert.All(sent.Zip(sent.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 1000.0 / 90 - 0.01, $"poses {pair.First} → {pair.Second} ms"));

        // Each frame shown names a pose the script played, and was rendered from where that pose put the head.
        var shown = state.GetProperty("shown").EnumerateArray().Where(s => s.GetProperty("camera").ValueKind == JsonValueKind.Array).ToArray();
        foreach (var frame in shown)
        {
            var timestamp = frame.GetProperty("poseTimestampMs").GetDouble();
            Assert.True(path.TryGetProperty(Key(timestamp), out var head), $"frame for pose {timestamp} ms: the script played no such pose");
            var camera = frame.GetProperty("camera").EnumerateArray().Select(c => c.GetDouble()).ToArray();
            output.WriteLine($"pose {timestamp:F1} ms: head ({head.GetProperty("x").GetDouble():F4}, {head.GetProperty("y").GetDouble():F4}), camera ({camera[0]:F4}, {camera[1]:F4}, {camera[2]:F4})");
            Assert.Equal(head.GetProperty("x").GetDouble(), camera[0], 3);
            Assert.Equal(head.GetProperty("y").GetDouble(), camera[1], 3);
            Assert.Equal(0, camera[2], 3);
        }
        Assert.True(shown.Select(s => s.GetProperty("poseTimestampMs").GetDouble()).Distinct().Count() >= 3, "the frames follow the moving head");
    }

    // JavaScript's property name for a number (the mock keys its path by the frame's time).
    private static string Key(double t) => JsonSerializer.Serialize(t);

    private static async Task<double> NewestCameraXAsync(TestBrowser browser) =>
        (await browser.EvaluateAsync("window.vr.posedFrames.newest.camera[0]"))!.Value.GetDouble();

    private static async Task<JsonElement> StateAsync(TestBrowser browser) =>
        (await browser.EvaluateAsync("JSON.parse(JSON.stringify(window.vr, (k, v) => k === 'byRtp' ? undefined : v))"))!.Value;

    private async Task WaitForAsync(TestBrowser browser, string condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!(await browser.EvaluateAsync($"!!({condition})"))!.Value.GetBoolean())
        {
            if (waited.Elapsed > Deadline)
            {
                var state = await browser.EvaluateAsync("JSON.stringify({ error: window.vr.error, mode: window.vr.mode, frames: window.vr.frames, shown: window.vr.shown.at(-1), stats: window.vr.stats, newest: window.vr.posedFrames.newest })");
                output.WriteLine(state?.ToString());
                Assert.Fail($"no {what} within {Deadline}: {state}");
            }
            await Task.Delay(100);
        }
    }
}
