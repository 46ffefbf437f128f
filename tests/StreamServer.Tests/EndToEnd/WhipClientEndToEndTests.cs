using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A real third-party WHIP publisher: Debian's simple-whip-client (GStreamer webrtcbin) publishes the portrait in H.264
/// and an Opus tone with a bearer token, as OBS does; the session runs the render pipeline, headless Chromium watches
/// it over WHEP through whep.html's client and hears the publisher's audio, and Ctrl+C on the client ends the session.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class WhipClientEndToEndTests
{
    private const string Token = "whip-client-token-0123456789abcdef";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [WhipClientFact]
    public async Task SimpleWhipClient_PublishesH264AndOpus_WithToken_ChromiumWatchesTheRenderAndHearsIt_CtrlCDeletes_WrongOrMissingTokenIs401()
    {
        await using var server = await TestServer.StartAsync([.. PortraitEndToEndTests.ServerArguments, "--Auth:Token", Token]);
        foreach (var wrong in new[] { Token + "x", null })
        {
            await using var refused = WhipClient.Start(server.Address + "/whip", wrong);
            var output = await refused.OutputAsync(Deadline);
            Assert.Contains("401", output, StringComparison.Ordinal);
            Assert.Equal(0, server.Sessions.Count);
        }

        var opened = new TaskCompletionSource<IMediaSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Sessions.Opened += (_, session) => opened.TrySetResult(session);
        await using var client = WhipClient.Start(server.Address + "/whip", Token);
        var started = DateTime.UtcNow;
        while (!opened.Task.IsCompleted || (server.Sessions.GetStats(opened.Task.Result.Id)?.FramesReceived ?? 0) < 10
               || opened.Task.Result.Stats.AudioPacketsIn < 50)
        {
            Assert.False(client.HasExited, await client.OutputAsync(TimeSpan.FromSeconds(1)));
            Assert.True(DateTime.UtcNow - started < Deadline, $"no 10 H.264 pictures and 50 Opus packets from whip-client within {Deadline}");
            await Task.Delay(100);
        }

        var session = await opened.Task;
        Assert.Equal(MediaSessionOrigin.Whip, session.Origin);
        Assert.Equal(0, server.Sessions.GetStats(session.Id)!.Faults);
        await using (var browser = await TestBrowser.OpenAsync(server.Address + "/whep.html", FakeCamera.Portrait))
        {
            Assert.Equal(201, await WhepViewerPage.WatchAsync(browser, session.Id, Token));
            var viewer = await WhepViewerPage.WaitForAsync(browser, frames: 10, audioPackets: 20, Deadline);

            // The pipeline's render at the server's size, not the publisher's 640 × 480 pictures.
            Assert.Equal(PortraitEndToEndTests.Size, viewer.Width);
            Assert.Equal(PortraitEndToEndTests.Size, viewer.Height);
        }

        client.Interrupt();
        Assert.True(await client.ExitedAsync(Deadline), $"whip-client still running {Deadline} after SIGINT");
        var said = await client.OutputAsync(Deadline);
        for (started = DateTime.UtcNow; server.Sessions.Count > 0;)
        {
            Assert.True(DateTime.UtcNow - started < Deadline, $"the session outlived the client's DELETE:\n{said}");
            await Task.Delay(100);
        }

        Assert.True(session.Closed.IsCompleted);
    }
}
