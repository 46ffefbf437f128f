using Microsoft.AspNetCore.SignalR;

namespace PortraitStream.Server.Signalling;

internal sealed partial class StreamHub
{
    /// <summary>
    /// Steers session <paramref name="sessionId"/> (a WHIP publisher's, another browser's) from now on: the control
    /// calls act on it and its stats come here, until <see cref="Detach"/>, another Attach, or its end (pushed as
    /// PeerClosed naming it). Who may connect to the hub may attach — the hub has the same policy as <c>GET /whip</c>,
    /// and the session list (<see cref="Sessions"/>) holds ids that <c>GET /whip</c> shows anyway.
    /// </summary>
    public void Attach(string? sessionId)
    {
        var state = AdmitCall();
        var record = string.IsNullOrEmpty(sessionId)
            ? throw Refuse("Attach: a session id is required; Sessions() lists them")
            : records.Find(sessionId) ?? throw Refuse($"Attach: no live session \"{ClientText.Printable(sessionId)}\"; Sessions() lists them");
        StopFollowing(state);
        var watcher = new HubWatcher(Context.ConnectionId, pushes, ownsSession: false);
        state.Attached = (record, watcher);
        record.Watch(watcher);
    }

    /// <summary>Stops steering the attached session; the control calls act on the caller's own session again.</summary>
    public void Detach() => StopFollowing(HubConnectionState.Of(Context));

    /// <summary>The live sessions, oldest first, whatever opened them: what a steering page offers to <see cref="Attach"/> to.</summary>
    public IReadOnlyList<SessionSummary> Sessions()
    {
        AdmitCall();
        return listing.List(Context.ConnectionId);
    }

    private static void StopFollowing(HubConnectionState state)
    {
        if (state.Attached is var (record, watcher))
        {
            record.Unwatch(watcher);
            state.Attached = null;
        }
    }
}
