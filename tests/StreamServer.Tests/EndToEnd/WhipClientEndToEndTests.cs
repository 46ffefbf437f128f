using System.Text.Json;
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

    /// <summary>What the page's WHEP viewer (<c>window.viewer</c>) decoded and heard so far.</summary>
    private const string ViewerState = """
        async () => {
          const state = { frames: 0, width: 0, height: 0, audioPackets: 0 };
          for (const s of (await window.viewer.pc.getStats()).values()) {
            if (s.type !== 'inbound-rtp') continue;
            if (s.kind === 'video') Object.assign(state, { frames: s.framesDecoded ?? 0, width: s.frameWidth ?? 0, height: s.frameHeight ?? 0 });
            if (s.kind === 'audio') state.audioPackets = s.packetsReceived ?? 0;
          }
          return state;
        }
        """;

    [WhipClientFact]
    public async Task SimpleWhipClient_PublishesH264AndOpus_WithToken_ChromiumWatchesTheRenderAndHearsIt_CtrlCDeletes_WrongTokenIs401()
    {
        await using var server = await TestServer.StartAsync([.. PortraitEndToEndTests.ServerArguments, "--Auth:Token", Token]);
        await using (var refused = WhipClient.Start(server.Address + "/whip", Token + "x"))
        {
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
            var status = await browser.Page.EvaluateAsync<int>("""
                async ([id, token]) => {
                  const { watch } = await import('/js/whep-client.js');
                  window.viewer = await watch(id, { token });
                  return window.viewer.status;
                }
                """, new object[] { session.Id, Token });
            Assert.Equal(201, status);
            var viewer = await browser.Page.EvaluateAsync<JsonElement>(ViewerState);
            for (started = DateTime.UtcNow; viewer.GetProperty("frames").GetInt32() < 10 || viewer.GetProperty("audioPackets").GetInt32() < 20;)
            {
                Assert.True(DateTime.UtcNow - started < Deadline, $"the WHEP viewer got too little within {Deadline}: {viewer}");
                await Task.Delay(100);
                viewer = await browser.Page.EvaluateAsync<JsonElement>(ViewerState);
            }

            // The pipeline's render at the server's size, not the publisher's 640 × 480 pictures.
            Assert.Equal(PortraitEndToEndTests.Size, viewer.GetProperty("width").GetInt32());
            Assert.Equal(PortraitEndToEndTests.Size, viewer.GetProperty("height").GetInt32());
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
