using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>
/// Regression for issue #17 finding 2: a hub WebSocket with <c>Origin: http://evil.example</c> was accepted and
/// answered, and any Host header was served (DNS rebinding). Now every transport of the hub (WebSocket, SSE, long
/// polling, and the negotiate call before them) and every page refuses a foreign origin with 403, and a foreign Host
/// gets 400. The real server on a loopback port, spoken to over real sockets.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "disposed in IAsyncLifetime.DisposeAsync")]
public sealed class BrowserOriginEndToEndTests : IAsyncLifetime
{
    private const string Evil = "http://evil.example";
    private TestServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartEchoAsync();
        _http.BaseAddress = new Uri(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private string Own => _server.Address;

    [Fact]
    public async Task HubWebSocket_ForeignOrigin_Is403_OwnOriginIsAnswered()
    {
        var (status, _) = await ConnectWebSocketAsync(Evil);
        Assert.Equal(HttpStatusCode.Forbidden, status);

        var (ownStatus, handshakeReply) = await ConnectWebSocketAsync(Own);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, ownStatus);
        Assert.Equal("{}\u001e", handshakeReply);
    }

    [Theory]
    [InlineData("text/event-stream")] // SSE
    [InlineData("*/*")]               // long polling
    public async Task HubSseAndLongPolling_ForeignOrigin_Is403(string accept)
    {
        using var negotiate = await SendAsync(HttpMethod.Post, "/hub/negotiate?negotiateVersion=1", Own);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
        using var foreignNegotiate = await SendAsync(HttpMethod.Post, "/hub/negotiate?negotiateVersion=1", Evil);
        Assert.Equal(HttpStatusCode.Forbidden, foreignNegotiate.StatusCode);

        using var poll = await SendAsync(HttpMethod.Get, $"/hub?id={token}", Evil, accept);
        Assert.Equal(HttpStatusCode.Forbidden, poll.StatusCode);
        using var send = await SendAsync(HttpMethod.Post, $"/hub?id={token}", Evil);
        Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/echo.html")]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    [InlineData("/lib/signalr/signalr.min.js")]
    public async Task Pages_ForeignOrigin_Is403_NoOrigin200(string path)
    {
        using var foreign = await SendAsync(HttpMethod.Get, path, Evil);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var plain = await SendAsync(HttpMethod.Get, path, origin: null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    [Fact]
    public async Task ForeignHostHeader_Is400_DnsRebinding()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "evil.example:" + new Uri(Own).Port;
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? origin, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("");
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    /// <summary>Connects straight to the hub's WebSocket (skipping negotiate, as SignalR clients may) and sends the handshake.</summary>
    private async Task<(HttpStatusCode, string?)> ConnectWebSocketAsync(string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        var uri = new Uri(Own.Replace("http://", "ws://", StringComparison.Ordinal) + "/hub");
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            return (socket.HttpStatusCode, null);
        }
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return (socket.HttpStatusCode, Encoding.UTF8.GetString(buffer, 0, received.Count));
    }
}
