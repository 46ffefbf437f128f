using System.Text.Json;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Real Chromium sends its camera and microphone (the flash-and-beep clip, <see cref="AvSyncClip"/>) to the real
/// server; the server returns the Opus packets restamped and delayed by the video's latency, and the page
/// (web/av-sync.js) times each returned beep against the returned flash. The offset asserted is the returned pair's
/// minus the local pair's of the same loop of the clip (the fake devices start their two files apart, and drift apart
/// on a loaded machine), within a bound far wider than ITU-R
/// BT.1359's 45 ms ahead / 125 ms behind because the machine is loaded; `perf av-sync` reports the numbers (medians).
/// The figure asserted is the loop the viewer held the sound least: the viewer's own lip sync (libwebrtc's, from our
/// sender reports) holds sound back by up to hundreds of milliseconds in some loops on a loaded runner — CI: loops
/// 177, 705, 614, 335 ms beside the suite's parallel classes; alone, echo +89, +679, +698, +491 ms with the server's own
/// audio delay a few ms — and it never brings sound forward by more than the video's playout-delay cap (100 ms), so the
/// least-held loop is the server path's own offset, and audio the server did not delay, or delayed twice, moves every
/// loop. Run alone (<see cref="DeliveryTiming"/>) all the same: the holds grow with the load.
/// </summary>
[Collection(nameof(DeliveryTiming))]
public sealed class AvSyncEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The first pairs come while the video's latency settles from its cold start (the audio delay follows it, smoothed).
    private const int WarmUp = 2, Measured = 4;

    // Sound this much before or after the picture (beyond what the fake devices start with) fails the test. Generous on
    // purpose: on a loaded 2-core runner the video's latency swings by hundreds of ms between frames (350 ms seen at
    // load 40), and the smoothed audio delay trails it. The ITU-R BT.1359 target (+45 / −125 ms) is measured on a
    // quiet machine by `perf av-sync`; this catches audio that is not delayed or is delayed twice.
    private const double AheadBoundMs = 150, BehindBoundMs = 600;

    [Fact]
    public async Task Chromium_Echo_AudioReturns_BeepsStayWithTheFlashes()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/echo.html" + AvSyncPage.EchoQuery, AvSyncClip.Video, AvSyncClip.BrowserArguments);
        await browser.Page.EvaluateAsync("start()");

        await AssertInSyncAsync(browser,
            "(async () => { let n = 0; for (const s of (await pc.getStats()).values()) if (s.type === 'inbound-rtp' && s.kind === 'audio') n += s.packetsReceived; return n; })()",
            EchoDiagnostics);
    }

    /// <summary>
    /// The product page in the 3D pipeline: the clip has no face, so each frame is passed through the pipeline's
    /// decode, analyse, render and transmit loops; the audio waits out that latency.
    /// </summary>
    [Fact]
    public async Task Chromium_Pipeline_AudioReturns_BeepsStayWithTheFlashes()
    {
        await using var server = await TestServer.StartAsync(PortraitEndToEndTests.ServerArguments);
        await using var browser = await PortraitBrowser.OpenAsync(server.Address, AvSyncClip.Video, browserArguments: AvSyncClip.BrowserArguments);
        await browser.StartAsync();
        await browser.WaitForFramesAsync(5);
        Assert.True((await browser.EvaluateAsync("window.portrait.microphone")).GetBoolean(), "the page did not open the microphone");
        await AvSyncPage.StartOnProductPageAsync(browser.Page);

        await AssertInSyncAsync(browser.Page, "window.portrait.inboundAudio().then(audio => audio.packetsReceived)", PipelineDiagnostics);

        // Chromium sends sender reports for both streams: the server places them on the one clock those tie them to.
        var correction = await browser.EvaluateAsync("window.portrait.stats.audioSyncCorrectionMs");
        Assert.True(correction.ValueKind == JsonValueKind.Number, $"the audio is placed by arrival alone ({correction})");
    }

    /// <summary>
    /// A JavaScript function <c>held(video, audio)</c> of two inbound-rtp reports: what the browser's jitter buffers held
    /// on average since the start, video per frame and audio per sample (the audio's includes any delay the browser adds
    /// to line sound up with picture). Shared by both pages' diagnostics.
    /// </summary>
    private const string BrowserHeld = """
          const mean = (r, key) => r?.jitterBufferEmittedCount > 0 ? (1000 * r[key] / r.jitterBufferEmittedCount).toFixed(0) : '?';
          const held = (video, audio) => `browser held video ${mean(video, 'jitterBufferDelay')} ms a frame, audio ${mean(audio, 'jitterBufferDelay')} ms a sample ` +
            `(aiming at ${mean(audio, 'jitterBufferTargetDelay')} ms, of which a minimum of ${mean(audio, 'jitterBufferMinimumDelay')} ms: ` +
            `lip sync with the video, where the minimum is most of it; network jitter, where it is not)`;
        """;

    /// <summary>
    /// Who held the sound, read when the loops are in: the server's audio delay and video latency (its stats), and what
    /// the browser held (<see cref="BrowserHeld"/>). Sound that comes back late is one of these.
    /// </summary>
    private const string PipelineDiagnostics = "(async () => {\n" + BrowserHeld + """
          const stats = window.portrait.stats ?? {}, video = await window.portrait.inboundVideo(), audio = await window.portrait.inboundAudio();
          return `server: audio delayed ${stats.audioDelayMs?.toFixed(0)} ms, video latency ${stats.latencyMs?.toFixed(0)} ms, ` +
            `sound moved ${stats.audioSyncCorrectionMs?.toFixed(0) ?? '(no sender reports)'} ms by the publisher's sender reports; ` + held(video, audio);
        })()
        """;

    /// <summary>The echo page's share of <see cref="PipelineDiagnostics"/>: what its browser held (its `pc`'s inbound reports).</summary>
    private const string EchoDiagnostics = "(async () => {\n" + BrowserHeld + """
          let video, audio;
          for (const s of (await pc.getStats()).values()) if (s.type === 'inbound-rtp') { if (s.kind === 'video') video = s; else audio = s; }
          return held(video, audio);
        })()
        """;

    /// <summary>
    /// Checks the returned offset against the local one, and that Chromium counted the returned Opus packets
    /// (<paramref name="audioPackets"/>: a JavaScript expression for the count); <paramref name="diagnostics"/>, a JavaScript
    /// expression for a line saying who held the sound, goes into the output and the failure message.
    /// </summary>
    private async Task AssertInSyncAsync(IScriptedPage page, string audioPackets, string diagnostics)
    {
        var loops = await AvSyncPage.WaitForLoopsAsync(page, WarmUp + Measured, WarmUp, Deadline);
        double added = loops.Min(loop => loop.Added);
        double median = AvSyncPage.Median(loops.Select(loop => loop.Added));
        string held = " " + (await page.EvaluateAsync(diagnostics))!.Value.GetString();
        output.WriteLine($"local {string.Join(" ", loops.Select(loop => $"{loop.Local:F0}"))} ms, returned {string.Join(" ", loops.Select(loop => $"{loop.Remote:F0}"))} ms: " +
            $"the server path adds {added:F0} ms (the least-held loop; median {median:F0}; positive: sound late).{held}");
        Assert.True(added >= -AheadBoundMs && added <= BehindBoundMs,
            $"the server path adds {added:F0} ms in the loop the viewer held least (sound late when positive; median {median:F0}), outside −{AheadBoundMs}…+{BehindBoundMs} ms.{held}");

        int received = (await page.EvaluateAsync(audioPackets))!.Value.GetInt32();
        Assert.True(received > 50, $"{received} audio packets received");
    }
}
