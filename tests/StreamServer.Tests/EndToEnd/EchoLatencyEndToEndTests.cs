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
            await using var server = await TestServer.StartEchoAsync();
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
            int localRead = state.GetProperty("localRead").GetInt32(), unreadable = state.GetProperty("unreadable").GetInt32();
            output.WriteLine($"read: local {localRead}, echoed {state.GetProperty("remoteRead")}, unreadable {unreadable}, "
                + $"raced {state.GetProperty("raced")}, paired {state.GetProperty("samples").GetArrayLength()}");
            // The code is meant to survive VP8 at the echo bitrate: a frame whose code cannot be read is the exception.
            Assert.True(unreadable * 10 < localRead, state.ToString());
        }
        finally
        {
            File.Delete(clip);
        }
    }
}
