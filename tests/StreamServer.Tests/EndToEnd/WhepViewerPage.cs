using System.Text.Json;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// One WHEP viewer on whep.html, through the page's own client (web/js/whep-client.js) as <c>window.viewer</c>: what
/// the interop tests watch a third-party publisher's session with.
/// </summary>
internal static class WhepViewerPage
{
    /// <summary>What the viewer decoded (pictures and their size) and heard (Opus packets) so far.</summary>
    public sealed record State(int Frames, int Width, int Height, int AudioPackets);

    private const string StateScript = """
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

    /// <summary>Starts watching session <paramref name="id"/>, <paramref name="codec"/> (VP8, H264) first if given; the POST's status.</summary>
    public static Task<int> WatchAsync(TestBrowser browser, string id, string token, string? codec = null) =>
        browser.Page.EvaluateAsync<int>("""
            async ([id, token, codec]) => {
              const { watch } = await import('/js/whep-client.js');
              window.viewer = await watch(id, { token, codec });
              return window.viewer.status;
            }
            """, new object?[] { id, token, codec });

    /// <summary>Waits until the viewer decoded <paramref name="frames"/> pictures and heard <paramref name="audioPackets"/> packets; fails the test past <paramref name="deadline"/>.</summary>
    public static async Task<State> WaitForAsync(TestBrowser browser, int frames, int audioPackets, TimeSpan deadline)
    {
        var state = await ReadAsync(browser);
        for (var started = DateTime.UtcNow; state.Frames < frames || state.AudioPackets < audioPackets;)
        {
            Assert.True(DateTime.UtcNow - started < deadline, $"the WHEP viewer got too little within {deadline}: {state}");
            await Task.Delay(100);
            state = await ReadAsync(browser);
        }

        return state;
    }

    private static async Task<State> ReadAsync(TestBrowser browser)
    {
        var state = await browser.Page.EvaluateAsync<JsonElement>(StateScript);
        return new State(state.GetProperty("frames").GetInt32(), state.GetProperty("width").GetInt32(),
            state.GetProperty("height").GetInt32(), state.GetProperty("audioPackets").GetInt32());
    }
}
