using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Signalling.Whip;

/// <summary>
/// WHIP (RFC 9725) against the real server in echo mode over HTTP: real offers from Chromium (the committed captures),
/// real peer connections (a UDP socket and DTLS per session) behind each 201.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class WhipEndpointTests
{
    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", name));

    private static StringContent Sdp(string sdp) => new StringContent(sdp, Encoding.UTF8, "application/sdp");

    [Fact]
    public async Task Rfc9725_Section4_2_Post_Answers201_WithLocationETagAndAnswer_ListedUntilDeleted()
    {
        await using var server = await TestServer.StartEchoAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };

        using var created = await http.PostAsync("/whip", Sdp(Data("chromium-offer.sdp")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/sdp", created.Content.Headers.ContentType?.MediaType);
        var location = created.Headers.Location!.ToString();
        Assert.Matches("^/whip/[0-9a-f]{32}$", location);
        Assert.NotNull(created.Headers.ETag);
        var answer = await created.Content.ReadAsStringAsync();
        Assert.StartsWith("v=0\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("a=ice-lite", answer, StringComparison.Ordinal);
        Assert.Contains("VP8/90000", answer, StringComparison.Ordinal);
        Assert.False(created.Headers.Contains("Link"));

        var id = location["/whip/".Length..];
        using (var list = JsonDocument.Parse(await http.GetStringAsync("/whip")))
        {
            var entry = Assert.Single(list.RootElement.GetProperty("sessions").EnumerateArray());
            Assert.Equal(id, entry.GetProperty("id").GetString());
            Assert.Equal(location, entry.GetProperty("url").GetString());
        }

        Assert.Equal(1, server.Sessions.Count);
        using (var deleted = await http.DeleteAsync(location))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.Equal(0, server.Sessions.Count);
        using (var again = await http.DeleteAsync(location))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        using var empty = JsonDocument.Parse(await http.GetStringAsync("/whip"));
        Assert.Empty(empty.RootElement.GetProperty("sessions").EnumerateArray());
    }

    public static TheoryData<string, string, HttpStatusCode> Refused => new()
    {
        { "text/plain", "chromium-offer.sdp", HttpStatusCode.UnsupportedMediaType },
        { "application/json", "chromium-offer.sdp", HttpStatusCode.UnsupportedMediaType },
        { "application/sdp", "not sdp at all", HttpStatusCode.BadRequest },
        { "application/sdp", "chromium-offer-audio-only.sdp", HttpStatusCode.UnprocessableEntity },
        { "application/sdp", "no-codec-we-speak", HttpStatusCode.UnprocessableEntity },
    };

    /// <summary>RFC 9725 §4.2: a wrong content type is 415, an offer that is not SDP 400, one with no codec we speak 422 — and no session either way.</summary>
    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Rfc9725_Post_RefusedOffers_GetTheirStatus_AndOpenNoSession(string contentType, string body, HttpStatusCode expected)
    {
        await using var server = await TestServer.StartEchoAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        var sdp = body switch
        {
            "no-codec-we-speak" => Data("chromium-offer.sdp").Replace("VP8/90000", "XV8/90000", StringComparison.Ordinal)
                .Replace("H264/90000", "XH264/90000", StringComparison.Ordinal),
            _ when body.EndsWith(".sdp", StringComparison.Ordinal) => Data(body),
            _ => body,
        };

        using var response = await http.PostAsync("/whip", new StringContent(sdp, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, server.Sessions.Count);
    }

    [Fact]
    public async Task Rfc9725_Section4_3_1_Patch_Is405_NoTrickleNorRestart_AndOptionsSaysWhatIsAllowed()
    {
        await using var server = await TestServer.StartEchoAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        using var created = await http.PostAsync("/whip", Sdp(Data("chromium-offer.sdp")));
        var location = created.Headers.Location!.ToString();

        using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new StringContent("a=end-of-candidates\r\n", Encoding.UTF8, "application/trickle-ice-sdpfrag") };
        using var patched = await http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, patched.StatusCode);
        Assert.Contains("DELETE", patched.Content.Headers.Allow);

        using var unknown = new HttpRequestMessage(HttpMethod.Patch, "/whip/0123") { Content = new StringContent("", Encoding.UTF8, "application/trickle-ice-sdpfrag") };
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(unknown)).StatusCode);

        using var options = await http.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/whip"));
        Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
        Assert.Contains("POST", options.Content.Headers.Allow);
        Assert.Equal("application/sdp", Assert.Single(options.Headers.GetValues("Accept-Post")));
    }

    [Fact]
    public async Task Rfc9725_Section4_6_ConfiguredIceServers_AreLinkedOnThe201()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Whip:IceServers:0=stun:stun.example.net", "--Whip:IceServers:1=stun:stun2.example.net:3478");
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        using var created = await http.PostAsync("/whip", Sdp(Data("chromium-offer.sdp")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["<stun:stun.example.net>; rel=\"ice-server\"", "<stun:stun2.example.net:3478>; rel=\"ice-server\""], created.Headers.GetValues("Link"));
    }

    [Fact]
    public async Task WithAToken_PostWithoutIt_Is401_WithIt_Is201()
    {
        const string token = "whip-test-token-0123456789abcdef";
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Token", token);
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        using var refused = await http.PostAsync("/whip", Sdp(Data("chromium-offer.sdp")));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(0, server.Sessions.Count);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/whip") { Content = Sdp(Data("chromium-offer.sdp")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>
    /// OBS and simple-whip-client offer Opus beside H.264: both m-lines are taken, each answered recvonly on the one
    /// bundled port (the publisher's audio is forwarded to the session's viewers, delayed to match the render).
    /// </summary>
    [Fact]
    public async Task Rfc9725_AudioAndVideoOffer_BothTakenRecvonly()
    {
        await using var server = await TestServer.StartEchoAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        var offer = Data("chromium-offer-audio-video.sdp").Replace("a=sendrecv", "a=sendonly", StringComparison.Ordinal);

        using var created = await http.PostAsync("/whip", Sdp(offer));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await created.Content.ReadAsStringAsync();
        Assert.Matches("m=audio [1-9][0-9]* ", answer);
        Assert.Matches("m=video [1-9][0-9]* ", answer);
        Assert.Equal(2, answer.Split("a=recvonly").Length - 1);
    }
}
