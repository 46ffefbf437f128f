using System.Text.Json;
using Xunit.Abstractions;
using PortraitStream.Server.Media.Codecs.Native;
using PortraitStream.Server.WebRtc.Dtls.Native;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Real Chromium against the real server in echo mode: SDP through the hub, ICE-lite, DTLS, SRTP, RTP/RTCP,
/// VP8 both ways. The page counts frames with requestVideoFrameCallback and reads getStats().
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class EchoEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FrameDeadline = TimeSpan.FromSeconds(20);

    private static async Task<JsonElement> WaitForFramesAsync(EchoBrowser browser, int frames)
    {
        try
        {
            await browser.Page.WaitForFunctionAsync($"window.echo.frames >= {frames} || window.echo.error !== null",
                null, new() { Timeout = (float)FrameDeadline.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no {frames} frames within {FrameDeadline}: {await browser.DiagnosticsAsync()}");
        }

        var state = await browser.StateAsync();
        Assert.True(state.GetProperty("error").ValueKind == JsonValueKind.Null, state.ToString());
        return state;
    }

    private static async Task ConnectAndCloseAsync(TestServer server, EchoBrowser browser)
    {
        await browser.StartAsync();
        await WaitForFramesAsync(browser, 5);
        Assert.Equal(1, server.Sessions.Count);
        await browser.StopAsync();
        Assert.Equal(0, server.Sessions.Count);
    }

    [Fact]
    public async Task Chromium_ReceivesEchoedVideo_60FramesOfRightSizeWithin20s()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await EchoBrowser.OpenAsync(server.Address);
        await browser.StartAsync();

        var state = await WaitForFramesAsync(browser, 60);
        Assert.Equal(FakeCamera.Width, state.GetProperty("width").GetInt32());
        Assert.Equal(FakeCamera.Height, state.GetProperty("height").GetInt32());

        var stats = await browser.InboundStatsAsync();
        Assert.True(stats.GetProperty("framesDecoded").GetInt32() >= 60, stats.ToString());
        Assert.True(stats.GetProperty("keyFramesDecoded").GetInt32() >= 1, stats.ToString());
        Assert.Equal(FakeCamera.Width, stats.GetProperty("frameWidth").GetInt32());
        // Decode errors make Chromium's receiver ask for a key frame; our stream starts with one, so any PLI means
        // a frame failed to decode. (framesDropped is not asserted: a loaded machine may drop frames before render.)
        Assert.Equal(0, stats.GetProperty("pliCount").GetInt32());

        // The server's side of the same session: nothing faulted, nothing failed to authenticate.
        var serverStats = server.Sessions.GetStats(Assert.Single(server.Sessions.SessionIds))!;
        output.WriteLine($"server: {serverStats}; browser inbound: {stats}");
        Assert.Equal(0, serverStats.Faults);
        Assert.Equal(0, serverStats.Unprotectable);
        Assert.True(serverStats.FramesReceived >= 60, serverStats.ToString());
    }

    /// <summary>
    /// A page that prefers H.264 (setCodecPreferences, echo.html?codec=H264) gets it both ways: Chromium sends H.264,
    /// the server depacketizes (RFC 6184) and decodes it with OpenH264, re-encodes and sends H.264 back, which Chromium
    /// decodes without asking for a key frame beyond the first.
    /// </summary>
    [Fact]
    public async Task Chromium_PreferringH264_ReceivesEchoedH264_60FramesOfRightSize()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await EchoBrowser.OpenAsync(server.Address, query: "?codec=H264");
        long h264Before = SafeOpenH264Handle.LiveCount;
        await browser.StartAsync();

        var state = await WaitForFramesAsync(browser, 60);
        Assert.Equal(FakeCamera.Width, state.GetProperty("width").GetInt32());
        Assert.Equal(FakeCamera.Height, state.GetProperty("height").GetInt32());

        var stats = await browser.InboundStatsAsync();
        var sent = await browser.Page.EvaluateAsync<string>("""
            (async () => {
              const report = await pc.getStats();
              for (const s of report.values()) if (s.type === 'outbound-rtp' && s.kind === 'video') return report.get(s.codecId)?.mimeType || '';
              return '';
            })()
            """);
        var serverStats = server.Sessions.GetStats(Assert.Single(server.Sessions.SessionIds))!;
        output.WriteLine($"server: {serverStats}; browser inbound: {stats}; browser sends {sent}");
        Assert.Equal("video/H264", stats.GetProperty("codec").GetString());
        Assert.Equal("video/H264", sent);
        Assert.True(stats.GetProperty("framesDecoded").GetInt32() >= 60, stats.ToString());
        Assert.Equal(FakeCamera.Width, stats.GetProperty("frameWidth").GetInt32());
        Assert.Equal(0, stats.GetProperty("pliCount").GetInt32());
        Assert.True(serverStats.FramesReceived >= 60, serverStats.ToString());
        Assert.Equal(0, serverStats.Faults);
        // The session's OpenH264 decoder and encoder exist while it runs and go with it.
        Assert.Equal(h264Before + 2, SafeOpenH264Handle.LiveCount);
        await browser.StopAsync();
        // The echo loop ends on its own thread once the session has closed.
        for (var waited = 0; SafeOpenH264Handle.LiveCount != h264Before && waited < 5000; waited += 50)
        {
            await Task.Delay(50);
        }

        Assert.Equal(h264Before, SafeOpenH264Handle.LiveCount);
    }

    [Fact]
    public async Task Chromium_ClosesAndReconnectsTenTimes_WithoutLeakingSocketsOrNativeHandles()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await EchoBrowser.OpenAsync(server.Address);
        // One session first: it creates what lives as long as the server (the DTLS context and certificate).
        await ConnectAndCloseAsync(server, browser);
        long sslBefore = OpenSslHandle.LiveCount, vpxBefore = SafeVpxCodecHandle.LiveCount;
        int udpBefore = OpenSockets.CountUdp();

        for (int i = 0; i < 10; i++)
        {
            await ConnectAndCloseAsync(server, browser);
        }

        // A malformed offer through the hub comes back as an error naming the reason, and opens nothing.
        var refusal = await browser.Page.EvaluateAsync<string>("hub.invoke('Offer', 'not sdp').then(() => 'accepted', e => String(e))");
        Assert.Contains("Malformed", refusal, StringComparison.Ordinal);
        Assert.Equal(0, server.Sessions.Count);

        Assert.Equal(sslBefore, OpenSslHandle.LiveCount);
        Assert.Equal(vpxBefore, SafeVpxCodecHandle.LiveCount);
        Assert.Equal(udpBefore, OpenSockets.CountUdp());
    }
}
