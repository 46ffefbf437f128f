using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Signalling.Whep;

/// <summary>
/// WHEP against the real server in echo mode over HTTP: a session published over WHIP from Chromium's committed offer,
/// viewers offering the same capture turned recvonly, each 201 backed by a real peer connection (socket and DTLS).
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class WhepEndpointTests
{
    private const string Token = "whep-test-token-0123456789abcdef";

    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", name));

    private static StringContent Sdp(string sdp) => new(sdp, Encoding.UTF8, "application/sdp");

    /// <summary>Chromium's offer as a viewer's: it only receives.</summary>
    private static string ViewerOffer(string name = "chromium-offer.sdp") =>
        Data(name).Replace("a=sendrecv", "a=recvonly", StringComparison.Ordinal);

    private static async Task<string> PublishAsync(HttpClient http)
    {
        using var created = await http.PostAsync("/whip", Sdp(Data("chromium-offer.sdp")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!.ToString()["/whip/".Length..];
    }

    [Fact]
    public async Task Post_RecvonlyOffer_Answers201_SendonlyWithLocationETag_ListedUntilDeleted()
    {
        await using var server = await TestServer.StartEchoAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        var id = await PublishAsync(http);

        using (var list = JsonDocument.Parse(await http.GetStringAsync("/whep")))
        {
            var entry = Assert.Single(list.RootElement.GetProperty("sessions").EnumerateArray());
            Assert.Equal(id, entry.GetProperty("id").GetString());
            Assert.Equal("whip", entry.GetProperty("kind").GetString());
            Assert.Equal($"/whep/{id}", entry.GetProperty("url").GetString());
        }

        using var created = await http.PostAsync($"/whep/{id}", Sdp(ViewerOffer()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/sdp", created.Content.Headers.ContentType?.MediaType);
        var location = created.Headers.Location!.ToString();
        Assert.Matches($"^/whep/{id}/[0-9a-f]{{32}}$", location);
        Assert.NotNull(created.Headers.ETag);
        var answer = await created.Content.ReadAsStringAsync();
        Assert.Contains("a=sendonly", answer, StringComparison.Ordinal);
        Assert.Contains("a=ice-lite", answer, StringComparison.Ordinal);
        Assert.Contains("VP8/90000", answer, StringComparison.Ordinal);
        Assert.Contains(" msid:", answer, StringComparison.Ordinal);
        var viewerId = location[(location.LastIndexOf('/') + 1)..];
        Assert.Equal([viewerId], server.Sessions.ViewersOf(id)!.Ids());
        using (var list = JsonDocument.Parse(await http.GetStringAsync("/whep")))
        {
            Assert.Equal(1, Assert.Single(list.RootElement.GetProperty("sessions").EnumerateArray()).GetProperty("viewers").GetInt32());
        }

        using (var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new StringContent("", Encoding.UTF8, "application/trickle-ice-sdpfrag") })
        using (var patched = await http.SendAsync(patch))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, patched.StatusCode);
            Assert.Contains("DELETE", patched.Content.Headers.Allow);
        }

        using (var options = await http.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/whep/{id}")))
        {
            Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
            Assert.Equal("application/sdp", Assert.Single(options.Headers.GetValues("Accept-Post")));
        }

        using (var deleted = await http.DeleteAsync(location))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.Empty(server.Sessions.ViewersOf(id)!.Ids());
        Assert.Equal(1, server.Sessions.Count); // the viewer went, the session stays
        using (var again = await http.DeleteAsync(location))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        using var patchGone = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new StringContent("", Encoding.UTF8, "application/trickle-ice-sdpfrag") };
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(patchGone)).StatusCode);
    }

    public static TheoryData<string, string, HttpStatusCode> Refused => new()
    {
        { "text/plain", "recvonly", HttpStatusCode.UnsupportedMediaType },
        { "application/sdp", "not sdp at all", HttpStatusCode.BadRequest },
        { "application/sdp", "no-codec-we-speak", HttpStatusCode.UnprocessableEntity },
        { "application/sdp", "audio-only", HttpStatusCode.UnprocessableEntity },
        // A viewer that wants to send is a publisher at the wrong door (WhepEndpoints says why 422, not 400).
        { "application/sdp", "sendrecv", HttpStatusCode.UnprocessableEntity },
        { "application/sdp", "sendonly", HttpStatusCode.UnprocessableEntity },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Post_RefusedOffers_GetTheirStatus_AndAddNoViewer(string contentType, string body, HttpStatusCode expected)
    {
        await using var server = await TestServer.StartEchoAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        var id = await PublishAsync(http);
        var sdp = body switch
        {
            "recvonly" => ViewerOffer(),
            "no-codec-we-speak" => ViewerOffer().Replace("VP8/90000", "XV8/90000", StringComparison.Ordinal)
                .Replace("H264/90000", "XH264/90000", StringComparison.Ordinal),
            "audio-only" => Data("chromium-offer-audio-only.sdp").Replace("a=sendrecv", "a=recvonly", StringComparison.Ordinal),
            "sendrecv" => Data("chromium-offer.sdp"),
            "sendonly" => Data("chromium-offer.sdp").Replace("a=sendrecv", "a=sendonly", StringComparison.Ordinal),
            _ => body,
        };

        using var response = await http.PostAsync($"/whep/{id}", new StringContent(sdp, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        Assert.Empty(server.Sessions.ViewersOf(id)!.Ids());
    }

    [Fact]
    public async Task Post_UnknownSession_Is404_AndAnEndedSessionsViewerIsGone()
    {
        await using var server = await TestServer.StartEchoAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        using (var unknown = await http.PostAsync("/whep/0123456789abcdef", Sdp(ViewerOffer())))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var id = await PublishAsync(http);
        using var created = await http.PostAsync($"/whep/{id}", Sdp(ViewerOffer()));
        var location = created.Headers.Location!.ToString();
        using (var unpublished = await http.DeleteAsync($"/whip/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        }

        Assert.Null(server.Sessions.ViewersOf(id));
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/whep/{id}", Sdp(ViewerOffer()))).StatusCode);
    }

    [Fact]
    public async Task Post_BeyondMaxViewersPerSession_Is503_WithRetryAfter()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Whep:MaxViewersPerSession", "1");
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        var id = await PublishAsync(http);
        using var first = await http.PostAsync($"/whep/{id}", Sdp(ViewerOffer()));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await http.PostAsync($"/whep/{id}", Sdp(ViewerOffer()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Single(server.Sessions.ViewersOf(id)!.Ids());
    }

    [Fact]
    public async Task WithAToken_PostAndListWithoutIt_Are401_WithIt_201_AndIceServersAreLinked()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Token", Token, "--Whip:IceServers:0=stun:stun.example.net");
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.Address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var id = await PublishAsync(http);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/whep/{id}", Sdp(ViewerOffer()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/whep")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, $"/whep/{id}") { Content = Sdp(ViewerOffer()) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);
        Assert.Empty(server.Sessions.ViewersOf(id)!.Ids());

        using var created = await http.PostAsync($"/whep/{id}", Sdp(ViewerOffer()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["<stun:stun.example.net>; rel=\"ice-server\""], created.Headers.GetValues("Link"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync(created.Headers.Location)).StatusCode);
    }
}
