using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PortraitStream.Server.Tests.EndToEnd.Firefox;

/// <summary>
/// A WebDriver BiDi client over one WebSocket (W3C WebDriver BiDi §5, "Transport"): commands go out as
/// <c>{id, method, params}</c>, the reply with the same id completes them; events are not subscribed to, so none come.
/// </summary>
internal sealed class BiDiConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<long, (string Method, TaskCompletionSource<JsonElement> Reply)> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _receiving;
    private long _nextId;

    private BiDiConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    public static async Task<BiDiConnection> ConnectAsync(Uri endpoint, TimeSpan timeout)
    {
        var socket = new ClientWebSocket();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            socket.Dispose();
            throw new TimeoutException($"could not open the WebDriver BiDi socket {endpoint} within {timeout}: {e.Message}", e);
        }

        return new BiDiConnection(socket);
    }

    /// <summary>Sends <paramref name="method"/> and returns the reply's <c>result</c>; a BiDi error or silence throws.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject parameters, TimeSpan timeout)
    {
        if (_receiving.IsCompleted)
        {
            throw new InvalidOperationException($"cannot send {method}: the WebDriver BiDi connection to Firefox is closed");
        }

        long id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = (method, reply);
        try
        {
            var command = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
            var bytes = Encoding.UTF8.GetBytes(command.ToJsonString());
            using (var deadline = new CancellationTokenSource(timeout))
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, deadline.Token);
            }

            return await reply.Task.WaitAsync(timeout);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            throw new TimeoutException($"Firefox did not answer the WebDriver BiDi command {method} within {timeout}");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    Dispatch(message.ToArray());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Firefox went away or we are closing: the commands still waiting fail below.
        }

        foreach (var (_, waiting) in _pending.Values)
        {
            waiting.TrySetException(new InvalidOperationException("the WebDriver BiDi connection to Firefox closed"));
        }
    }

    // §5.2: a reply is {type: "success", id, result} or {type: "error", id, error, message}; events carry no id.
    private void Dispatch(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
            || !_pending.TryGetValue(idElement.GetInt64(), out var pending))
        {
            return;
        }

        if (root.GetProperty("type").GetString() == "success")
        {
            pending.Reply.TrySetResult(root.GetProperty("result").Clone());
        }
        else
        {
            pending.Reply.TrySetException(new InvalidOperationException(
                $"Firefox refused the WebDriver BiDi command {pending.Method}: {root.GetProperty("error").GetString()}: {root.GetProperty("message").GetString()}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _receiving;
        _socket.Dispose();
        _closing.Dispose();
    }
}
