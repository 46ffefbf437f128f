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
        var clip = CounterCamera.Make(ClipFrames, CodePlacement.EchoStrip);
        try
        {
            await using var server = await TestServer.StartEchoAsync();
            await using var browser = await EchoBrowser.OpenAsync(server.Address, clip, LatencyPage.EchoQuery(ClipFrames));
            await browser.StartAsync();
            try
            {
                await browser.Page.WaitForFunctionAsync("window.latency.samples.length >= 30", null,
                    new() { Timeout = 20_000, PollingInterval = 100 });
            }
            catch (TimeoutException)
            {
                Assert.Fail($"no 30 echoed frames matched to local ones within 20 s: {await browser.DiagnosticsAsync()}\n"
                    + LatencyPage.Describe(await LatencyPage.StateAsync(browser.Scripted)));
            }

            var state = await LatencyPage.StateAsync(browser.Scripted);
            output.WriteLine(LatencyPage.Describe(state));
            int localRead = state.GetProperty("localRead").GetInt32();
            int unreadable = state.GetProperty("localUnreadable").GetInt32() + state.GetProperty("remoteUnreadable").GetInt32()
                + state.GetProperty("localMixed").GetInt32() + state.GetProperty("remoteMixed").GetInt32();
            // The code is meant to survive VP8 at the echo bitrate: a frame whose code cannot be read, or reads as a mix
            // of two frames, is the exception.
            Assert.True(unreadable * 10 < localRead, state.ToString());
        }
        finally
        {
            File.Delete(clip);
        }
    }
}
