using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Tests.EndToEnd;
using PortraitStream.Server.Tests.Hosting.Auth;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// Attach(id), Detach() and Sessions() over the real hub and WebSocket, on WHIP sessions opened over real HTTP (echo
/// mode: real peer connections, no pipeline): the controls of an attached connection steer that session's record,
/// several controllers may share one, an unknown id is refused in words, and a session's end reaches every controller.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class StreamHubAttachTests(TokenServerFixture tokenServer) : IClassFixture<TokenServerFixture>
{
    private static readonly string Offer = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));

    [Fact]
    public async Task Attached_ControlsSteerThatSession_DetachReturnsToTheCallersOwn()
    {
        await using var server = await TestServer.StartEchoAsync();
        var records = server.Services.GetRequiredService<SessionRegistry>();
        var location = await PublishAsync(server.Address, token: null);
        var id = location["/whip/".Length..];
        await using var controller = await RawHubClient.ConnectAsync(server.Address);

        Assert.Null(await controller.InvokeAsync("Attach", id));
        Assert.Null(await controller.InvokeAsync("SetQuality", 128, "live", 0));
        Assert.Null(await controller.InvokeAsync("SetPreset", "three-quarter"));
        Assert.Null(await controller.InvokeAsync("SetOutputAlpha", true));
        var steered = records.Find(id)!.Control;
        Assert.Equal((128, ViewPreset.ThreeQuarter, true), (steered.Quality.Size, steered.View.Preset, steered.OutputAlpha));

        Assert.Null(await controller.InvokeAsync("Detach"));
        Assert.Null(await controller.InvokeAsync("SetQuality", 192, "live", 0));
        Assert.Equal(128, steered.Quality.Size);
        await DeleteAsync(server.Address, location, token: null);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", "Attach: no live session \"0123456789abcdef0123456789abcdef\"; Sessions() lists them")]
    [InlineData(null, "Attach: a session id is required; Sessions() lists them")]
    [InlineData("", "Attach: a session id is required; Sessions() lists them")]
    public async Task UnknownOrMissingId_IsRefusedSayingWhy(string? id, string expected)
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var controller = await RawHubClient.ConnectAsync(server.Address);

        var error = await controller.InvokeAsync("Attach", id);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionEnding_TellsEveryAttachedController_AndTheirNextCallIsRefusedInWords()
    {
        await using var server = await TestServer.StartEchoAsync();
        var location = await PublishAsync(server.Address, token: null);
        var id = location["/whip/".Length..];
        await using var first = await RawHubClient.ConnectAsync(server.Address);
        await using var second = await RawHubClient.ConnectAsync(server.Address);
        Assert.Null(await first.InvokeAsync("Attach", id));
        Assert.Null(await second.InvokeAsync("Attach", id));
        Assert.Equal(2, server.Services.GetRequiredService<SessionRegistry>().Find(id)!.WatcherCount);

        await DeleteAsync(server.Address, location, token: null);

        foreach (var controller in new[] { first, second })
        {
            Assert.Equal($"session {id} ended (closed); attach to another", (await controller.PushAsync("PeerClosed")).GetString());
            var error = await controller.InvokeAsync("SetView", 10.0, 0.0, 0.0, 1.0, 0.0);
            Assert.Contains($"Session {id} has ended (closed); attach to another", error, StringComparison.Ordinal);
        }

        // Refused once, the controller is detached and steers its own (not yet offered) session again.
        Assert.Null(await first.InvokeAsync("SetView", 10.0, 0.0, 0.0, 1.0, 0.0));
    }

    [Fact]
    public async Task Sessions_ListsBrowserAndWhipSessions_OldestFirst_MarkingTheCallersOwn()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await RawHubClient.ConnectAsync(server.Address);
        Assert.StartsWith("v=0", (await browser.ResultAsync("Offer", Offer)).GetString(), StringComparison.Ordinal);
        var whip = (await PublishAsync(server.Address, token: null))["/whip/".Length..];

        var listed = (await browser.ResultAsync("Sessions")).EnumerateArray().ToArray();

        Assert.Equal(["browser", "whip"], listed.Select(s => s.GetProperty("origin").GetString()));
        Assert.Equal(whip, listed[1].GetProperty("id").GetString());
        Assert.Equal([true, false], listed.Select(s => s.GetProperty("yours").GetBoolean()));
        Assert.All(listed, s => Assert.Equal(256, s.GetProperty("size").GetInt32()));
        Assert.True(listed[0].GetProperty("started").GetDateTimeOffset() <= listed[1].GetProperty("started").GetDateTimeOffset());
    }

    /// <summary>With Auth:Token set the hub, and so Attach and Sessions, needs the token exactly as GET /whip does.</summary>
    [Fact]
    public async Task WithAuthToken_AttachNeedsTheToken_LikeGetWhip()
    {
        var server = tokenServer.Server;
        var location = await PublishAsync(server.Address, TokenServerFixture.Token);
        var id = location["/whip/".Length..];

        await Assert.ThrowsAsync<WebSocketException>(() => RawHubClient.ConnectAsync(server.Address));
        await Assert.ThrowsAsync<WebSocketException>(() => RawHubClient.ConnectAsync(server.Address, "wrong-token"));
        using (var http = new HttpClient { BaseAddress = new Uri(server.Address) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/whip")).StatusCode);
        }

        await using (var controller = await RawHubClient.ConnectAsync(server.Address, TokenServerFixture.Token))
        {
            Assert.Contains(id, (await controller.ResultAsync("Sessions")).EnumerateArray().Select(s => s.GetProperty("id").GetString()));
            Assert.Null(await controller.InvokeAsync("Attach", id));
            Assert.Null(await controller.InvokeAsync("Pause"));
        }

        Assert.True(server.Services.GetRequiredService<SessionRegistry>().Find(id)!.Control.Paused);
        await DeleteAsync(server.Address, location, TokenServerFixture.Token);
    }

    /// <summary>Publishes the committed Chromium offer over WHIP; returns the resource's path.</summary>
    private static async Task<string> PublishAsync(string address, string? token)
    {
        using var http = Client(address, token);
        using var created = await http.PostAsync("/whip", new StringContent(Offer, Encoding.UTF8, "application/sdp"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!.ToString();
    }

    private static async Task DeleteAsync(string address, string location, string? token)
    {
        using var http = Client(address, token);
        using var deleted = await http.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    private static HttpClient Client(string address, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(address) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}
