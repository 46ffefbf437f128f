using System.Net;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>
/// <c>GET /metrics</c> on the real server (pipeline mode, as Program.cs composes it): the text is Prometheus exposition
/// throughout, and the server's figures move with a live session of headless Chromium — sessions, frames in and out,
/// bytes, every stage's histogram, latency, RTT and bitrate — and the session gauge falls back when it closes.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class MetricsEndToEndTests
{
    private static readonly (string, string) Browser = ("kind", "browser");

    [Fact]
    public async Task Metrics_AreExpositionText_AndMoveWithALiveSession()
    {
        await using var server = await TestServer.StartAsync(PortraitEndToEndTests.ServerArguments);
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };

        var idle = await ScrapeAsync(http);
        Assert.Equal(0, idle.Value("portraitstream_sessions", Browser));
        var info = idle.Series("portraitstream_info").Single();
        Assert.Equal(1, info.Value);
        Assert.Equal("CPU", info.Labels["execution_provider"]);
        Assert.False(string.IsNullOrEmpty(info.Labels["renderer"]));
        // prometheus-net's process metrics: memory and handles among them.
        Assert.True(idle.Value("process_working_set_bytes") > 0);
        Assert.True(idle.Value("process_open_handles") > 0);

        await using (var browser = await PortraitBrowser.OpenAsync(server.Address))
        {
            await browser.StartAsync();
            await browser.WaitForFramesAsync(10);
            // The stats interval has passed at least once: the RTT and bitrate samples are taken there.
            await browser.WaitForAsync("window.portrait.stats !== null", TimeSpan.FromSeconds(5), "stats");

            var live = await ScrapeAsync(http);
            Assert.Equal(1, live.Value("portraitstream_sessions", Browser));
            Assert.True(live.Value("portraitstream_frames_received") >= 10);
            Assert.True(live.Value("portraitstream_frames_sent") >= 10);
            Assert.True(live.Value("portraitstream_video_sent_bytes") > 0);
            Assert.Equal("histogram", live.MetricTypes["portraitstream_stage_duration_seconds"]);
            // Decode, render and VP8 run for every sent frame; track and encode only once a face is found.
            foreach (var stage in new[] { "decode", "render", "vp8" })
            {
                Assert.True(live.Value("portraitstream_stage_duration_seconds_count", ("stage", stage)) >= 10, stage);
            }
            Assert.True(live.Value("portraitstream_frame_latency_seconds_count") >= 10);
            Assert.True(live.Value("portraitstream_video_target_bitrate_count") >= 1);
            // Every layer's drop counters are there, by reason, whatever their values (a clean session drops little).
            foreach (var layer in new[] { "demux", "stun", "dtls", "srtp", "srtcp", "rtcp", "rtp", "vp8", "session" })
            {
                Assert.NotEmpty(live.Series("portraitstream_packet_errors", ("layer", layer)));
            }
        }

        // The browser is gone; its session is released once the server notices (the page closed its connection).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ScrapeAsync(http)).Value("portraitstream_sessions", Browser) != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        var after = await ScrapeAsync(http);
        Assert.Equal(0, after.Value("portraitstream_sessions", Browser));
        // Counters keep the ended session's figures.
        Assert.True(after.Value("portraitstream_frames_sent") >= 10);
        Assert.NotEmpty(after.Series("portraitstream_packet_errors", ("layer", "srtp")));
    }

    internal static async Task<PrometheusText> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }
}
