using System.Text.Json;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Real Chromium sends its camera and microphone (the flash-and-beep clip, <see cref="AvSyncClip"/>) to the real
/// server in echo mode; the server returns the Opus packets restamped and delayed by the video's latency, and the page
/// (web/av-sync.js) times each returned beep against the returned flash. The offset asserted is the returned pair's
/// minus the local pair's (the fake devices start their two files apart), within a bound far wider than ITU-R
/// BT.1359's 45 ms ahead / 125 ms behind because the machine is loaded; `perf av-sync` reports the numbers.
/// </summary>
public sealed class AvSyncEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    // Sound this much before or after the picture (beyond what the fake devices start with) fails the test.
    private const double AheadBoundMs = 150, BehindBoundMs = 300;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    [Fact]
    public async Task Chromium_Echo_AudioReturns_BeepsStayWithTheFlashes()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = new EchoBrowser(await TestBrowser.OpenAsync(
            server.Address + "/echo.html?audio&avsync", AvSyncClip.Video, AvSyncClip.BrowserArguments));
        await browser.StartAsync();

        try
        {
            await browser.Page.WaitForFunctionAsync("window.avSync.remote.length >= 4 && window.avSync.local.length >= 4 || window.avSync.error !== null",
                null, new() { Timeout = (float)Deadline.TotalMilliseconds, PollingInterval = 200 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no four beeps paired with flashes within {Deadline}: {await browser.Page.EvaluateAsync<JsonElement>("window.avSync")} {await browser.DiagnosticsAsync()}");
        }

        var sync = await browser.Page.EvaluateAsync<JsonElement>("window.avSync");
        output.WriteLine(sync.ToString());
        Assert.Equal(JsonValueKind.Null, sync.GetProperty("error").ValueKind);
        var local = sync.GetProperty("local").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var remote = sync.GetProperty("remote").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double added = Median(remote) - Median(local);
        output.WriteLine($"local offset {Median(local):F0} ms, returned {Median(remote):F0} ms: the server path adds {added:F0} ms (positive: sound late)");
        Assert.InRange(added, -AheadBoundMs, BehindBoundMs);

        // The audio came back as Opus RTP the browser counted, and the server's session forwarded it.
        var received = await browser.Page.EvaluateAsync<int>(
            "(async () => { let n = 0; for (const s of (await pc.getStats()).values()) if (s.type === 'inbound-rtp' && s.kind === 'audio') n += s.packetsReceived; return n; })()");
        Assert.True(received > 50, $"{received} audio packets received");
    }
}
