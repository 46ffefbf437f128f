using System.Net;
using Microsoft.Extensions.Logging;
using PortraitStream.Server.Tests.EndToEnd;
using PortraitStream.Server.Tests.Signalling;

namespace PortraitStream.Server.Tests.Hosting.Auth;

/// <summary>
/// Browsers send the hub's bearer token in the <c>access_token</c> query value (WebSockets take no headers), and
/// ASP.NET Core logs each request's URL before any middleware runs. With every category at Trace, the server's logs
/// show the hub requests but never the token, right or wrong, in messages or structured values.
/// </summary>
public sealed class AccessTokenLogTests
{
    private const string Token = TokenServerFixture.Token;
    private const string WrongToken = "wrong-token-nobody-should-log";

    [Fact]
    public async Task AccessTokenQuery_NeverReachesTheLogs()
    {
        var log = new CapturedLog();
        await using (var server = await TestServer.StartAsync("http://127.0.0.1:0", builder =>
        {
            builder.Logging.AddProvider(log);
            builder.Logging.AddFilter<CapturedLog>(null, LogLevel.Trace);
        }, "--Mode", "echo", "--Auth:Token", Token))
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
            foreach (var (token, expected) in new[] { (Token, HttpStatusCode.OK), (WrongToken, HttpStatusCode.Unauthorized) })
            {
                using var negotiate = await http.PostAsync(new Uri("/hub/negotiate?negotiateVersion=1&access_token=" + token, UriKind.Relative), null);
                Assert.Equal(expected, negotiate.StatusCode);
            }
            using (var metrics = await http.GetAsync(new Uri("/metrics?access_token=" + Token, UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
            }
            await using var client = await RawHubClient.ConnectAsync(server.Address, Token);
            Assert.NotEmpty((await client.ResultAsync("Models")).EnumerateArray());
        }

        var entries = log.Entries;
        // Not vacuous: the requests were logged, with their other query values.
        Assert.Contains(entries, e => e.Contains("Request starting", StringComparison.Ordinal) && e.Contains("/hub/negotiate?negotiateVersion=1", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("Request starting", StringComparison.Ordinal) && e.Contains("GET " + "http", StringComparison.Ordinal) && e.Contains("/hub ", StringComparison.Ordinal));
        foreach (var secret in new[] { Token, WrongToken, "access_token" })
        {
            Assert.DoesNotContain(entries, e => e.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
