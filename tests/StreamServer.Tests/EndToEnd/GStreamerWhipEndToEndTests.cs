using System.Net.Http.Headers;
using System.Text.Json;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A third-party WebRTC stack publishing over WHIP: GStreamer's webrtcbin (tools/whip-publish.py) sends VP8 or x264
/// H.264 and Opus with a bearer token, as OBS does. Echo mode: the server decodes every picture and sends it on to the
/// session's WHEP viewers, so a headless Chromium viewer seeing the publisher's 320×240 pictures proves the decode.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class GStreamerWhipEndToEndTests
{
    private const string Token = "gstreamer-publisher-token-0123456789";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [GStreamerPublisherTheory]
    [InlineData("vp8", VideoCodec.Vp8, "VP8")]
    [InlineData("h264", VideoCodec.H264, "H264")]
    public async Task Webrtcbin_PublishesVideoAndOpus_ServerDecodesBoth_ChromiumWatchesOverWhep_SigtermDeletesTheSession(
        string codec, VideoCodec expected, string viewerCodec)
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Token", Token);
        var opened = new TaskCompletionSource<IMediaSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Sessions.Opened += (_, session) => opened.TrySetResult(session);
        await using var publisher = GStreamerPublisher.Start(server.Address + "/whip", codec, Token, TimeSpan.FromMinutes(5));

        await WaitForAsync(publisher, () => opened.Task.IsCompleted, () => "a WHIP session");
        var session = Assert.IsType<WebRtcMediaSession>(await opened.Task);
        Assert.Equal(MediaSessionOrigin.Whip, session.Origin);
        Assert.Equal(expected, session.Connection.Receiver.Codec);
        // 30 pictures and 50 Opus packets (a second of 20 ms frames) through our ICE, DTLS, SRTP and depacketizer.
        await WaitForAsync(publisher, () => session.Connection.GetStats().FramesReceived >= 30 && session.Stats.AudioPacketsIn >= 50,
            () => $"30 {codec} frames and 50 Opus packets ({session.Connection.GetStats()}, {session.Stats})");
        var stats = session.Connection.GetStats();
        Assert.Equal(0, stats.Faults);
        Assert.Equal(0, stats.Unprotectable);

        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using (var listed = JsonDocument.Parse(await http.GetStringAsync(new Uri("/whip", UriKind.Relative))))
        {
            var entry = Assert.Single(listed.RootElement.GetProperty("sessions").EnumerateArray());
            Assert.Equal(session.Id, entry.GetProperty("id").GetString());
        }

        await using (var browser = await TestBrowser.OpenAsync(server.Address + "/whep.html", FakeCamera.Portrait))
        {
            Assert.Equal(201, await WhepViewerPage.WatchAsync(browser, session.Id, Token, viewerCodec));
            // 10 pictures, and 20 of the publisher's Opus packets forwarded untouched.
            var viewer = await WhepViewerPage.WaitForAsync(browser, frames: 10, audioPackets: 20, Deadline);

            // Echo sends on what the server decoded: the publisher's picture size, nothing of ours.
            Assert.Equal(GStreamerPublisher.Width, viewer.Width);
            Assert.Equal(GStreamerPublisher.Height, viewer.Height);
        }

        publisher.Terminate();
        Assert.Equal(0, await publisher.ExitCodeAsync(Deadline));
        Assert.Contains("deleted", publisher.Output, StringComparison.Ordinal);
        Assert.Equal(0, server.Sessions.Count);
        Assert.True(session.Closed.IsCompleted);
    }

    [GStreamerPublisherFact]
    public async Task Webrtcbin_WrongTokenIs401_RightToken_PublishesForItsTime_ThenDeletes()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Token", Token);
        await using (var refused = GStreamerPublisher.Start(server.Address + "/whip", "h264", Token + "x", TimeSpan.FromSeconds(2)))
        {
            // The script's exit code for a refused POST, with the status on stderr.
            Assert.Equal(4, await refused.ExitCodeAsync(Deadline));
            Assert.Contains(": 401 ", refused.Output, StringComparison.Ordinal);
            Assert.Equal(0, server.Sessions.Count);
        }

        await using var publisher = GStreamerPublisher.Start(server.Address + "/whip", "vp8", Token, TimeSpan.FromSeconds(3));
        Assert.Equal(0, await publisher.ExitCodeAsync(Deadline + TimeSpan.FromSeconds(3)));
        var output = publisher.Output;
        Assert.Contains("connected", output, StringComparison.Ordinal);
        Assert.Contains("deleted", output, StringComparison.Ordinal);
        // Its own figures of what it sent: about 3 s of video and of 20 ms Opus packets.
        var sent = JsonDocument.Parse(output.Split('\n').Single(l => l.StartsWith('{'))).RootElement;
        Assert.True(sent.GetProperty("video_packets_sent").GetInt32() > 30, output);
        Assert.True(sent.GetProperty("audio_packets_sent").GetInt32() > 50, output);
        Assert.Equal(0, server.Sessions.Count);
    }

    /// <summary>Polls <paramref name="condition"/>; fails with what it waited for (as it stands then) and the publisher's output when it exits first or time runs out.</summary>
    private static async Task WaitForAsync(GStreamerPublisher publisher, Func<bool> condition, Func<string> what)
    {
        var started = DateTime.UtcNow;
        while (!condition())
        {
            Assert.False(publisher.HasExited, $"whip-publish.py exited before {what()}:\n{publisher.Output}");
            Assert.True(DateTime.UtcNow - started < Deadline, $"no {what()} within {Deadline}:\n{publisher.Output}");
            await Task.Delay(100);
        }
    }
}
