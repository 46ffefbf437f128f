using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using PortraitStream.Server.Media.Codecs.Native;
using PortraitStream.Server.Tests.Hosting;
using PortraitStream.Server.WebRtc.Dtls.Native;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Real WHEP viewers: headless Chromium publishes its fake camera over WHIP (echo mode: the session sends back what it
/// decodes, its "render") and watches the session through the page's own WHEP client (web/js/whep-client.js), several
/// viewers at once in VP8 and H.264; the server's metrics prove one encode per codec, however many viewers. The
/// publisher's fake microphone is heard by every viewer, through one reader of the session's audio.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class WhepEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private const string Watch = """
        async ([id, codec]) => {
          const { watch } = await import('/js/whep-client.js');
          const viewer = await watch(id, { codec });
          (window.viewers ??= []).push(viewer);
          return { index: window.viewers.length - 1, status: viewer.status, location: viewer.location, answer: viewer.answer };
        }
        """;

    private const string FramesDecoded = """
        async (index) => {
          const report = await window.viewers[index].pc.getStats();
          for (const s of report.values()) if (s.type === 'inbound-rtp' && s.kind === 'video') return s.framesDecoded ?? 0;
          return 0;
        }
        """;

    private const string AudioPacketsReceived = """
        async (index) => {
          const report = await window.viewers[index].pc.getStats();
          for (const s of report.values()) if (s.type === 'inbound-rtp' && s.kind === 'audio') return s.packetsReceived ?? 0;
          return 0;
        }
        """;

    [Fact]
    public async Task Chromium_WatchesAWhipSession_Vp8AndH264Viewers_ShareOneEncodePerCodec_HearItsAudio_AndSeeTheSessionEnd()
    {
        await using var server = await TestServer.StartEchoAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/whep.html", FakeCamera.Portrait);
        var id = await PublishAsync(browser, audio: true);

        var viewers = new List<(int Index, string Location, PeerConnection Connection)>();
        foreach (var codec in new[] { "VP8", "VP8", "H264" })
        {
            var viewer = await browser.Page.EvaluateAsync<JsonElement>(Watch, new object[] { id, codec });
            Assert.Equal(201, viewer.GetProperty("status").GetInt32());
            var answer = viewer.GetProperty("answer").GetString()!;
            Assert.Contains($" {codec}/90000", answer, StringComparison.Ordinal);
            Assert.Contains(" opus/48000/2", answer, StringComparison.Ordinal);
            Assert.Contains("a=sendonly", answer, StringComparison.Ordinal);
            var location = viewer.GetProperty("location").GetString()!;
            var connection = server.Sessions.ViewersOf(id)!.Find(location[(location.LastIndexOf('/') + 1)..])!;
            viewers.Add((viewer.GetProperty("index").GetInt32(), location, connection));
        }

        foreach (var viewer in viewers)
        {
            await WaitForFramesAsync(browser.Page, viewer.Index, 20);
            // 50 packets of 20 ms: a second of the publisher's microphone, restamped and delayed like the self-return.
            await WaitForAsync(browser.Page, $"(async () => (await ({AudioPacketsReceived})({viewer.Index})) > 50)()",
                $"viewer {viewer.Index} receives the publisher's audio");
        }

        // Sharing: between two scrapes each VP8 encode went to both VP8 viewers, each H.264 one to the one H.264 viewer.
        // One frame may fall between a scrape's two counters, hence the slack of one viewer count.
        var before = await MetricsEndToEndTests.ScrapeAsync(http);
        await Task.Delay(1500);
        var after = await MetricsEndToEndTests.ScrapeAsync(http);
        Assert.Equal(3, after.Value("portraitstream_viewers"));
        // The publisher's audio, counted once however many hear it, each packet's delay sampled; every drop reason listed.
        Assert.True(after.Value("portraitstream_audio_packets_received") >= 50);
        Assert.True(after.Value("portraitstream_audio_packets_forwarded") >= 50);
        Assert.True(after.Value("portraitstream_audio_delay_seconds_count") >= 50);
        foreach (var reason in new[] { "foreign_ssrc", "oversized", "malformed", "overflowed", "late", "duplicate", "delay_overflow" })
        {
            Assert.Single(after.Series("portraitstream_audio_packets_dropped", ("reason", reason)));
        }

        foreach (var (codec, count) in new[] { ("vp8", 2), ("h264", 1) })
        {
            double encodes = Delta("portraitstream_viewer_encodes", codec), sent = Delta("portraitstream_viewer_frames_sent", codec);
            output.WriteLine($"{codec}: {encodes} encodes, {sent} frames sent in 1.5 s");
            Assert.True(encodes >= 5, $"{codec}: {encodes} encodes");
            Assert.InRange(sent, (count * encodes) - count, (count * encodes) + count);
        }

        // The publisher leaves: every viewer is told (RTCP BYE, DTLS close_notify), and its resource is gone.
        Assert.Equal(200, await browser.Page.EvaluateAsync<int>($"async () => (await fetch('/whip/{id}', {{ method: 'DELETE' }})).status"));
        Assert.Null(server.Sessions.ViewersOf(id));
        foreach (var viewer in viewers)
        {
            Assert.True(viewer.Connection.ByeSent, viewer.Location);
            Assert.Equal(404, await browser.Page.EvaluateAsync<int>($"async () => (await fetch('{viewer.Location}', {{ method: 'DELETE' }})).status"));
            await WaitForAsync(browser.Page, $"['closed', 'failed'].includes(window.viewers[{viewer.Index}].pc.connectionState)", "the viewer's connection ends");
        }

        Assert.Equal(0, (await MetricsEndToEndTests.ScrapeAsync(http)).Value("portraitstream_viewers"));

        double Delta(string name, string codec) => after.Value(name, ("codec", codec)) - before.Value(name, ("codec", codec));
    }

    /// <summary>A browser's own session (the hub's, echo here) is viewable as well: the viewer gets what the browser gets back.</summary>
    [Fact]
    public async Task Chromium_WatchesABrowserSession_InH264_WhileTheBrowserGetsItsOwnVp8()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await EchoBrowser.OpenAsync(server.Address);
        await browser.StartAsync();
        var id = Assert.Single(server.Sessions.SessionIds);

        var viewer = await browser.Page.EvaluateAsync<JsonElement>(Watch, new object[] { id, "H264" });

        Assert.Equal(201, viewer.GetProperty("status").GetInt32());
        Assert.Contains(" H264/90000", viewer.GetProperty("answer").GetString()!, StringComparison.Ordinal);
        await WaitForFramesAsync(browser.Page, viewer.GetProperty("index").GetInt32(), 20);
        Assert.True((await browser.StateAsync()).GetProperty("frames").GetInt32() > 0);
    }

    [Fact]
    public async Task PublishViewUnpublish_TenTimes_LeaksNoSocketsOrNativeHandles()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/whep.html", FakeCamera.Portrait);
        // One cycle first: it creates what lives as long as the server (the DTLS context and certificate).
        await CycleAsync(server, browser);
        long ssl = OpenSslHandle.LiveCount, vpx = SafeVpxCodecHandle.LiveCount, h264 = SafeOpenH264Handle.LiveCount;
        int udp = OpenSockets.CountUdp();

        for (int i = 0; i < 10; i++)
        {
            await CycleAsync(server, browser);
        }

        Assert.Equal(0, server.Sessions.Count);
        Assert.Equal(ssl, OpenSslHandle.LiveCount);
        Assert.Equal(vpx, SafeVpxCodecHandle.LiveCount);
        Assert.Equal(h264, SafeOpenH264Handle.LiveCount);
        Assert.Equal(udp, OpenSockets.CountUdp());
    }

    /// <summary>Publishes H.264, watches it in VP8 until frames arrive (so every codec is live), unpublishes.</summary>
    private static async Task CycleAsync(TestServer server, TestBrowser browser)
    {
        var id = await PublishAsync(browser, "H264");
        var viewer = await browser.Page.EvaluateAsync<JsonElement>(Watch, new object[] { id, "VP8" });
        Assert.Equal(201, viewer.GetProperty("status").GetInt32());
        await WaitForFramesAsync(browser.Page, viewer.GetProperty("index").GetInt32(), 5);
        Assert.Equal(200, await browser.Page.EvaluateAsync<int>($"async () => (await fetch('/whip/{id}', {{ method: 'DELETE' }})).status"));
        await browser.Page.EvaluateAsync("() => { window.publisher.close(); window.viewers.forEach(v => v.pc.close()); }");
        Assert.Equal(0, server.Sessions.Count);
    }

    private static async Task<string> PublishAsync(TestBrowser browser, string codec = "VP8", bool audio = false)
    {
        var published = await browser.Page.EvaluateAsync<JsonElement>(
            $"([codec, audio]) => ({WhipPublisherScript.Publish})(codec, audio)", new object[] { codec, audio });
        Assert.Equal(201, published.GetProperty("status").GetInt32());
        return published.GetProperty("location").GetString()!["/whip/".Length..];
    }

    private static Task WaitForFramesAsync(IPage page, int index, int frames) =>
        WaitForAsync(page, $"(async () => (await ({FramesDecoded})({index})) >= {frames})()", $"viewer {index} decodes {frames} frames");

    private static async Task WaitForAsync(IPage page, string condition, string what)
    {
        var started = DateTime.UtcNow;
        while (!await page.EvaluateAsync<bool>(condition))
        {
            Assert.True(DateTime.UtcNow - started < Deadline, $"not within {Deadline}: {what}");
            await Task.Delay(100);
        }
    }
}
