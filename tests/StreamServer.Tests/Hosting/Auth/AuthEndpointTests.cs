using System.Net;
using System.Net.WebSockets;
using System.Text;
using PortraitStream.Server.Tests.EndToEnd;
using PortraitStream.Server.Tests.Signalling;

namespace PortraitStream.Server.Tests.Hosting.Auth;

/// <summary>
/// With <c>Auth:Token</c> set, the real server (Kestrel on a loopback port, composed as Program.cs does) answers 401
/// on the hub (negotiate and WebSocket), on WHIP and on /metrics unless the request carries the token — whatever else it
/// carries, and never with a 500 — while the page, its scripts and the probes stay open.
/// </summary>
public sealed class AuthEndpointTests(TokenServerFixture fixture) : IClassFixture<TokenServerFixture>
{
    private const string Token = TokenServerFixture.Token;
    private const string Negotiate = "/hub/negotiate?negotiateVersion=1";

    public static TheoryData<string, string> Protected => new()
    {
        { "POST", Negotiate },
        { "GET", "/metrics" },
        { "GET", "/whip" },
    };

    /// <summary>Authorization header values that must not let a request in.</summary>
    public static TheoryData<string?> RefusedAuthorization => new()
    {
        null,
        "Bearer wrong-token-of-some-length",
        "Bearer " + Token + "x",
        "Bearer " + Token[..^1],
        "Bearer " + Token.ToUpperInvariant(),
        "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("user:" + Token)),
        "Token " + Token,
        Token,
        "Bearer",
        "Bearer ",
        "Bearer    ",
        "Bearer" + Token,
        "Bearer " + Token + " " + Token,
        "Bearer \"" + Token + "\"",
        "Bearer " + new string('A', 16 * 1024),
        "Bearer " + string.Concat(Enumerable.Repeat(Token, 500)),
        "Bearer %00%ff" + Token,
    };

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Protected_WithTheToken_IsServed(string method, string path)
    {
        using var response = await SendAsync(method, path, "Bearer " + Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The scheme name is case-insensitive (RFC 7235 §2.1), surrounding spaces are not part of the token.
        using var lower = await SendAsync(method, path, "bearer   " + Token + " ");
        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Protected_WithoutTheToken_Is401_WithABearerChallenge(string method, string path)
    {
        foreach (var authorization in RefusedAuthorization)
        {
            using var response = await SendAsync(method, path, authorization);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{authorization?[..Math.Min(40, authorization.Length)]}: {response.StatusCode}");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task TwoAuthorizationHeaders_Are401_EvenIfOneIsRight(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + Token, "Bearer wrong-token-of-some-length"]);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task HeadersBeyondKestrelsLimit_Are431_Not500()
    {
        // Kestrel's 32 KB request-header cap answers before authentication does.
        using var response = await SendAsync("GET", "/metrics", "Bearer " + new string('A', 40 * 1024));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task NonAsciiAuthorization_IsRefused_Not500()
    {
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(fixture.Server.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token + "é");
        using var response = await http.SendAsync(request);
        // Kestrel refuses non-ASCII header bytes itself (400); were they let through, the token check says 401.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
    }

    [Fact]
    public async Task AccessTokenQuery_OpensTheHub_ButNothingElse()
    {
        var query = "&access_token=" + Uri.EscapeDataString(Token);
        using (var negotiate = await SendAsync("POST", Negotiate + query, null))
        {
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        }
        // A query token is for the hub's WebSockets only (browsers cannot set their headers); elsewhere it is refused.
        using var metrics = await SendAsync("GET", "/metrics?access_token=" + Uri.EscapeDataString(Token), null);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        using var twice = await SendAsync("POST", Negotiate + query + query, null);
        Assert.Equal(HttpStatusCode.Unauthorized, twice.StatusCode);
        using var huge = await SendAsync("POST", Negotiate + "&access_token=" + new string('A', 6 * 1024), null);
        Assert.Equal(HttpStatusCode.Unauthorized, huge.StatusCode);
    }

    [Fact]
    public async Task HubWebSocket_WithoutTheToken_Is401_WithItIsAnswered()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await WebSocketStatusAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await WebSocketStatusAsync("wrong-token-of-some-length"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await WebSocketStatusAsync(Token));
        await using var client = await RawHubClient.ConnectAsync(fixture.Server.Address, Token);
        Assert.NotEmpty((await client.ResultAsync("Models")).EnumerateArray());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData("/lib/signalr/signalr.min.js")]
    public async Task PagesAndLiveness_StayOpen(string path)
    {
        using var response = await SendAsync("GET", path, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_StaysOpen()
    {
        // Probes carry no credentials; ready or not, the answer is the state, never 401.
        using var response = await SendAsync("GET", "/readyz", null);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
    }

    [Fact]
    public async Task OpenMetrics_LeavesMetricsOpen_AndTheHubClosed()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Token", Token, "--Auth:OpenMetrics", "true");
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(new Uri(Negotiate, UriKind.Relative), null)).StatusCode);
    }

    private HttpClient Http => field ??= new HttpClient { BaseAddress = new Uri(fixture.Server.Address) };

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? authorization)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return await Http.SendAsync(request);
    }

    private async Task<HttpStatusCode> WebSocketStatusAsync(string? accessToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var query = accessToken is null ? "" : "?access_token=" + Uri.EscapeDataString(accessToken);
        try
        {
            await socket.ConnectAsync(new Uri(fixture.Server.Address.Replace("http://", "ws://", StringComparison.Ordinal) + "/hub" + query), CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The refusal's status is still recorded.
        }
        return socket.HttpStatusCode;
    }
}
