using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using PortraitStream.Server.Tests.EndToEnd;
using PortraitStream.Server.Tests.Signalling;

namespace PortraitStream.Server.Tests.Hosting.Auth;

/// <summary>
/// <c>Auth:Jwt</c>: the server fetches a real (test) identity provider's discovery document and keys over HTTP and
/// admits a bearer JWT it signed for the configured audience — in the header, or as the hub's access_token — and
/// refuses forged, expired, foreign-audience and foreign-issuer tokens with 401. The shared token still works beside it.
/// A JWT's subject is the client its session quota counts against.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class JwtAuthTests
{
    private const string Audience = "portraitstream";
    private const string Negotiate = "/hub/negotiate?negotiateVersion=1";

    [Fact]
    public async Task Jwt_FromTheAuthority_IsAdmitted_OthersAre401()
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Jwt:Authority", authority.Issuer,
            "--Auth:Jwt:Audience", Audience, "--Auth:Jwt:RequireHttpsMetadata", "false", "--Auth:Token", TokenServerFixture.Token);
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        var good = authority.Issue("alice", Audience);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Post, Negotiate, good));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Get, "/metrics", good));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Post, Negotiate + "&access_token=" + good, null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, HttpMethod.Get, "/metrics", TokenServerFixture.Token));
        await using (var client = await RawHubClient.ConnectAsync(server.Address, good))
        {
            Assert.NotEmpty((await client.ResultAsync("Models")).EnumerateArray());
        }

        using var stranger = RSA.Create(2048);
        var refused = new Dictionary<string, string?>
        {
            ["none"] = null,
            ["other audience"] = authority.Issue("alice", "someone-else"),
            ["expired"] = authority.Issue("alice", Audience, expires: DateTime.UtcNow.AddMinutes(-10)),
            ["forged signature"] = authority.Issue("alice", Audience, signingKey: stranger),
            ["other issuer"] = authority.Issue("alice", Audience, issuer: "https://login.example"),
            ["tampered"] = good[..^4] + (good[^4..] == "AAAA" ? "BBBB" : "AAAA"),
            ["not a JWT"] = "eyJhbGciOiJub25lIn0.e30.",
            ["garbage"] = "a.b.c.d.e",
        };
        foreach (var (name, token) in refused)
        {
            Assert.True(HttpStatusCode.Unauthorized == await StatusAsync(http, HttpMethod.Post, Negotiate, token), name);
            Assert.True(HttpStatusCode.Unauthorized == await StatusAsync(http, HttpMethod.Get, "/metrics", token), name);
        }
    }

    [Fact]
    public async Task SessionQuota_CountsPerJwtSubject_NotPerAddress()
    {
        await using var authority = await TestAuthority.StartAsync();
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Jwt:Authority", authority.Issuer,
            "--Auth:Jwt:Audience", Audience, "--Auth:Jwt:RequireHttpsMetadata", "false", "--WebRtc:MaxSessionsPerClient", "1");
        var offer = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));
        await using var alice = await RawHubClient.ConnectAsync(server.Address, authority.Issue("alice", Audience));
        await using var aliceAgain = await RawHubClient.ConnectAsync(server.Address, authority.Issue("alice", Audience));
        await using var bob = await RawHubClient.ConnectAsync(server.Address, authority.Issue("bob", Audience));

        // All three come from 127.0.0.1: by address the second and third offers would both be refused.
        Assert.Null(await alice.InvokeAsync("Offer", offer));
        Assert.Contains("limit per client", await aliceAgain.InvokeAsync("Offer", offer), StringComparison.Ordinal);
        Assert.Null(await bob.InvokeAsync("Offer", offer));
        Assert.Equal(2, server.Sessions.Count);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, HttpMethod method, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
