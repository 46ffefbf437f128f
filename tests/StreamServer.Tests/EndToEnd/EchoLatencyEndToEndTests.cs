using System.Text.Json;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The glass-to-glass measurement's correctness, not its figures (perf/GlassToGlass.cs takes those): the numbers
/// <see cref="CounterCamera"/> draws into the fake camera clip survive VP8 both ways, and web/latency.js reads them
/// from the local preview and from the echoed video and pairs them up. No timing is asserted.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class EchoLatencyEndToEndTests(ITestOutputHelper output)
{
    private const int ClipFrames = 150;

    [Fact]
    public async Task Chromium_ReadsFrameNumbersBack_FromLocalPreviewAndEchoedVideo()
    {
        var clip = CounterCamera.Make(ClipFrames);
        try
        {
            await using var server = await EchoServer.StartAsync();
            await using var browser = await EchoBrowser.OpenAsync(server.Address, clip, $"?latency={CounterCamera.LoopMilliseconds(ClipFrames)}");
            await browser.StartAsync();
            try
            {
                await browser.Page.WaitForFunctionAsync("window.latency.samples.length >= 30", null,
                    new() { Timeout = 20_000, PollingInterval = 100 });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"no 30 echoed frames matched to local ones within 20 s: {await browser.DiagnosticsAsync()}\n"
                    + await browser.Page.EvaluateAsync<string>("JSON.stringify(window.latency)"));
            }

            var state = await browser.Page.EvaluateAsync<JsonElement>("window.latency");
            output.WriteLine($"read: local {state.GetProperty("localRead")}, echoed {state.GetProperty("remoteRead")}, "
                + $"unreadable {state.GetProperty("unreadable")}, matched {state.GetProperty("samples").GetArrayLength()}");
            // A stale match would pair an echoed frame with the previous loop's local one: numbers misread or lost.
            Assert.Equal(0, state.GetProperty("stale").GetInt32());
            // A camera frame cannot come back before it was captured; a negative figure means numbers were misread.
            Assert.All(state.GetProperty("captureSamples").EnumerateArray(), s => Assert.True(s.GetDouble() >= 0, s.ToString()));
        }
        finally
        {
            File.Delete(clip);
        }
    }
}
