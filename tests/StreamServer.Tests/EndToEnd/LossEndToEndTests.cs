using System.Text.Json;
using PortraitStream.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Real Chromium against the echo server with test-only fault injection on (WebRtc:FaultInjection): 10 % of the
/// datagrams lost, 2 % reordered and 2 % duplicated on both of the server's paths, DTLS and STUN included. Frames must
/// still arrive, and both sides' NACKs must have been sent and answered (as /metrics counts them). perf's <c>fault</c>
/// run is the long version.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class LossEndToEndTests(ITestOutputHelper output)
{
    // Lost DTLS flights cost a retransmission timeout (1 s, doubling) each; a loaded machine adds its own delay.
    private static readonly TimeSpan FrameDeadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Chromium_TenPercentLossBothWays_FramesStillArrive_NacksSentAndAnswered()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--WebRtc:FaultInjection:Enabled", "true",
            "--WebRtc:FaultInjection:LossPercent", "10", "--WebRtc:FaultInjection:ReorderPercent", "2",
            "--WebRtc:FaultInjection:DuplicatePercent", "2", "--WebRtc:FaultInjection:Seed", "16");
        await using var browser = await EchoBrowser.OpenAsync(server.Address);
        await browser.StartAsync();

        try
        {
            await browser.Page.WaitForFunctionAsync("window.echo.frames >= 60 || window.echo.error !== null",
                null, new() { Timeout = (float)FrameDeadline.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no 60 frames within {FrameDeadline} under 10 % loss: {await browser.DiagnosticsAsync()}");
        }

        var state = await browser.StateAsync();
        Assert.True(state.GetProperty("error").ValueKind == JsonValueKind.Null, state.ToString());
        var connection = Assert.Single(server.Sessions.SessionIds);
        var stats = server.Sessions.GetStats(connection)!;
        using var http = new HttpClient();
        var metrics = PrometheusText.Parse(await http.GetStringAsync(server.Address.TrimEnd('/') + "/metrics"));
        var recovery = metrics.Series("portraitstream_webrtc_recovery").ToDictionary(s => s.Labels["event"], s => s.Value);
        var inbound = await browser.InboundStatsAsync();
        output.WriteLine($"server: {stats}; recovery: {string.Join(", ", recovery)}; browser inbound: {inbound}");

        Assert.Equal(0, stats.Faults);
        Assert.True(stats.FramesReceived > 0, stats.ToString());
        Assert.True(inbound.GetProperty("framesDecoded").GetInt32() >= 60, inbound.ToString());
        // The camera's packets we lost on receive: we asked for them. Ours the browser lost: it asked, and we resent.
        Assert.True(recovery["nack_sent"] > 0, string.Join(", ", recovery));
        Assert.True(recovery["nack_received"] > 0, string.Join(", ", recovery));
        Assert.True(recovery["packet_retransmitted"] > 0, string.Join(", ", recovery));
        Assert.True(inbound.GetProperty("nackCount").GetInt32() > 0, inbound.ToString());
    }
}
