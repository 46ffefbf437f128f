using System.Text.Json;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A real third-party WHIP publisher: Debian's simple-whip-client (GStreamer webrtcbin) publishes H.264 and Opus with
/// a bearer token, as OBS does; headless Chromium watches the session over WHEP through whep.html's client.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class WhipClientEndToEndTests
{
    private const string Token = "whip-client-token-0123456789abcdef";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [WhipClientFact]
    public async Task SimpleWhipClient_PublishesH264AndOpus_WithToken_ChromiumWatchesOverWhep_WrongTokenIs401()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Token", Token);
        await using (var refused = WhipClient.Start(server.Address + "/whip", Token + "x"))
        {
            var output = await refused.OutputAsync(Deadline);
            Assert.Contains("401", output, StringComparison.Ordinal);
            Assert.Equal(0, server.Sessions.Count);
        }

        await using var client = WhipClient.Start(server.Address + "/whip", Token);
        var started = DateTime.UtcNow;
        while (server.Sessions.SessionIds.Count == 0 || (server.Sessions.GetStats(server.Sessions.SessionIds.First())?.FramesReceived ?? 0) < 10)
        {
            Assert.False(client.HasExited, await client.OutputAsync(TimeSpan.FromSeconds(1)));
            Assert.True(DateTime.UtcNow - started < Deadline, $"no H.264 from whip-client within {Deadline}");
            await Task.Delay(100);
        }

        var id = Assert.Single(server.Sessions.SessionIds);
        Assert.Equal(0, server.Sessions.GetStats(id)!.Faults);
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/whep.html", FakeCamera.Portrait);
        var viewer = await browser.Page.EvaluateAsync<JsonElement>("""
            async ([id, token]) => {
              const { watch } = await import('/js/whep-client.js');
              window.viewer = await watch(id, { token });
              return { status: window.viewer.status };
            }
            """, new object[] { id, Token });
        Assert.Equal(201, viewer.GetProperty("status").GetInt32());
        started = DateTime.UtcNow;
        while (!await browser.Page.EvaluateAsync<bool>("""
            async () => {
              for (const s of (await window.viewer.pc.getStats()).values()) if (s.type === 'inbound-rtp' && s.kind === 'video') return (s.framesDecoded ?? 0) >= 10;
              return false;
            }
            """))
        {
            Assert.True(DateTime.UtcNow - started < Deadline, $"the WHEP viewer decoded fewer than 10 frames within {Deadline}");
            await Task.Delay(100);
        }
    }
}
