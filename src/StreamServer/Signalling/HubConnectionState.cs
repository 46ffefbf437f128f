using Microsoft.AspNetCore.SignalR;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Signalling;

/// <summary>
/// What the hub keeps per connection, in the connection's own <see cref="HubCallerContext.Items"/> (gone with it):
/// the rate limit on its calls and the session it is attached to, if any. The session's own state lives in its
/// <see cref="SessionRecord"/>; several connections may steer one session, each under its own rate limit.
/// </summary>
internal sealed class HubConnectionState(TokenBucket calls)
{
    private static readonly object Key = new();

    /// <summary>Admits this connection's calls: a burst of the per-second rate, then the rate.</summary>
    public TokenBucket Calls { get; } = calls;

    /// <summary>The session this connection steers instead of its own, and the watcher it follows it with.</summary>
    public (SessionRecord Record, HubWatcher Watcher)? Attached { get; set; }

    public static HubConnectionState Of(HubCallerContext context) =>
        context.Items.TryGetValue(Key, out var state) && state is HubConnectionState s
            ? s
            : throw new InvalidOperationException("the hub connection has no state: OnConnectedAsync did not run");

    public static void Set(HubCallerContext context, HubConnectionState state) => context.Items[Key] = state;
}
