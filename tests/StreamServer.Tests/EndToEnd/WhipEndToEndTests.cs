using System.Text.Json;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A real WHIP publisher: headless Chromium with the fake portrait camera offers sendonly VP8, or H.264 alone as OBS
/// does, to POST /whip, as a
/// WHIP client does (RFC 9725 §4.2), applies our answer, and sends video until it DELETEs its resource. No GStreamer
/// WHIP client is installed here, so Chromium plays the publisher.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class WhipEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Publishes <paramref name="codec"/> over WHIP from <paramref name="browser"/>'s camera; returns the session id.</summary>
    internal static async Task<string> PublishAsync(TestBrowser browser, string codec)
    {
        var published = await browser.Page.EvaluateAsync<JsonElement>(WhipPublisherScript.Publish, codec);
        Assert.Equal(201, published.GetProperty("status").GetInt32());
        return published.GetProperty("location").GetString()!["/whip/".Length..];
    }

    [Theory]
    [InlineData("VP8")]
    [InlineData("H264")]
    public async Task Chromium_PublishesOverWhip_ServerReceivesFrames_DeleteEndsTheSession(string codec)
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/echo.html", FakeCamera.Portrait);

        var published = await browser.Page.EvaluateAsync<JsonElement>(WhipPublisherScript.Publish, codec);
        Assert.Equal(201, published.GetProperty("status").GetInt32());
        var answer = published.GetProperty("answer").GetString()!;
        Assert.Contains("a=recvonly", answer, StringComparison.Ordinal);
        Assert.Contains($" {codec}/90000", answer, StringComparison.Ordinal);
        var location = published.GetProperty("location").GetString()!;
        var id = location["/whip/".Length..];
        Assert.Equal([id], server.Sessions.SessionIds);
        Assert.Equal(MediaSessionOrigin.Whip, server.Sessions.OriginOf(id));

        var started = DateTime.UtcNow;
        while ((server.Sessions.GetStats(id)?.FramesReceived ?? 0) < 30)
        {
            Assert.True(DateTime.UtcNow - started < Deadline,
                $"fewer than 30 frames within {Deadline}: {server.Sessions.GetStats(id)}; pc={await browser.Page.EvaluateAsync<string>("window.publisher.connectionState")}");
            await Task.Delay(100);
        }

        var stats = server.Sessions.GetStats(id)!;
        Assert.Equal(0, stats.Faults);
        Assert.Equal(0, stats.Unprotectable);

        var deleted = await browser.Page.EvaluateAsync<int>($"async () => (await fetch('{location}', {{ method: 'DELETE' }})).status");
        Assert.Equal(200, deleted);
        Assert.Equal(0, server.Sessions.Count);
    }
}
