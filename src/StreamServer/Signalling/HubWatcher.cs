using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Signalling;

/// <summary>
/// A hub connection following a session, through <see cref="ClientPushes"/> (never waits on the browser). The browser
/// that opened the session hears only an end it did not ask for (it knows when it closed or replaced its own); a
/// controller attached to a session hears every end, in words that name the session.
/// </summary>
internal sealed class HubWatcher(string connectionId, ClientPushes pushes, bool ownsSession) : ISessionWatcher
{
    public void OnStats(StreamStats stats) => pushes.Stats(connectionId, stats);

    public void OnPosedFrame(PosedFrame frame) => pushes.Frame(connectionId, frame);

    public void OnEnded(string sessionId, string reason, bool byItself)
    {
        if (!ownsSession)
        {
            pushes.PeerClosed(connectionId, $"session {ClientText.Printable(sessionId)} ended ({reason}); attach to another");
        }
        else if (byItself)
        {
            pushes.PeerClosed(connectionId, reason);
        }
    }
}
