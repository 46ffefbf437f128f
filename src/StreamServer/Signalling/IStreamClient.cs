using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Signalling;

// Public, unlike the rest of the server: SignalR implements it in an assembly it generates at run time, which sees
// only public types.
/// <summary>What the server calls on the browser.</summary>
public interface IStreamClient
{
    /// <summary>
    /// The server ended the peer connection (consent expired, DTLS failed, …), or the session this connection attached
    /// to ended, however it ended (the reason names that session).
    /// </summary>
    Task PeerClosed(string reason);

    /// <summary>The figures of the session the connection follows (its own, or the attached one), about twice a second while its pipeline runs.</summary>
    Task Stats(StreamStats stats);

    /// <summary>A frame a viewer's pose steered has been sent: the pose it was rendered for and where it lies.</summary>
    Task Frame(PosedFrame frame);
}
