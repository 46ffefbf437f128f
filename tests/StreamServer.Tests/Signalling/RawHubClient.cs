using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// The hub's JSON protocol spoken by hand over a real WebSocket (as a browser's SignalR client would, or a hostile
/// script that sends what that client never would, such as a null name): handshake, invoke, read the completion.
/// </summary>
internal sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();
    private int _nextId;

    /// <param name="serverAddress">The server's base address.</param>
    /// <param name="accessToken">Sent as the <c>access_token</c> query value, as browsers' SignalR client does.</param>
    public static async Task<RawHubClient> ConnectAsync(string serverAddress, string? accessToken = null)
    {
        var client = new RawHubClient();
        client._socket.Options.SetRequestHeader("Origin", serverAddress);
        var query = accessToken is null ? "" : "?access_token=" + Uri.EscapeDataString(accessToken);
        await client._socket.ConnectAsync(new Uri(serverAddress.Replace("http://", "ws://", StringComparison.Ordinal) + "/hub" + query), CancellationToken.None);
        await client.SendAsync("""{"protocol":"json","version":1}""");
        Assert.Equal("{}", await client.ReceiveAsync());
        return client;
    }

    /// <summary>Invokes <paramref name="method"/>; returns its error, or null when it completed without one.</summary>
    public async Task<string?> InvokeAsync(string method, params object?[] arguments) => (await CompleteAsync(method, arguments)).Error;

    /// <summary>Invokes <paramref name="method"/>, which must succeed; returns its result.</summary>
    public async Task<JsonElement> ResultAsync(string method, params object?[] arguments)
    {
        var (error, result) = await CompleteAsync(method, arguments);
        Assert.Null(error);
        return result;
    }

    /// <summary>Waits for the server's next call of <paramref name="target"/> on this client (a push); returns its first argument.</summary>
    public async Task<JsonElement> PushAsync(string target)
    {
        while (true)
        {
            using var message = JsonDocument.Parse(await ReceiveAsync());
            var root = message.RootElement;
            if (root.GetProperty("type").GetInt32() == 1 && root.GetProperty("target").GetString() == target)
            {
                return root.GetProperty("arguments")[0].Clone();
            }
        }
    }

    /// <summary>Sends the invocation and waits for its completion message: its error, or its result (undefined when none).</summary>
    private async Task<(string? Error, JsonElement Result)> CompleteAsync(string method, object?[] arguments)
    {
        var id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments }));
        while (true)
        {
            using var message = JsonDocument.Parse(await ReceiveAsync());
            var root = message.RootElement;
            if (root.GetProperty("type").GetInt32() == 3 && root.GetProperty("invocationId").GetString() == id)
            {
                return (root.TryGetProperty("error", out var error) ? error.GetString() : null,
                    root.TryGetProperty("result", out var result) ? result.Clone() : default);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The server went first (it shut down): there is nothing left to close.
        }
        _socket.Dispose();
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<string> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }
            var received = await _socket.ReceiveAsync(buffer, timeout.Token);
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
    }
}
