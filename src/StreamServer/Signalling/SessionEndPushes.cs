using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Signalling;

/// <summary>
/// Tells a browser when its session ended by itself (PeerClosed): the hub's side subscribes to the session table, so
/// the media layer never knows who listens. Sessions the hub did not open (WHIP) have no browser to tell.
/// </summary>
internal sealed class SessionEndPushes(MediaSessionTable sessions, ClientPushes pushes) : SessionEndSubscriber(sessions, MediaSessionOrigin.Hub)
{
    protected override void OnSessionEnded(MediaSessionEnded ended) => pushes.PeerClosed(ended.Id, ended.Reason);
}
