namespace PortraitStream.Server.WebRtc.Signalling;

/// <summary>What the server calls on the browser.</summary>
public interface IWebRtcClient
{
    /// <summary>The server ended the peer connection (consent expired, DTLS failed, …).</summary>
    Task PeerClosed(string reason);
}
