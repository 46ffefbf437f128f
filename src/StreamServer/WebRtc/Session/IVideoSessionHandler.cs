namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// What a session does with the browser's video: runs from the moment the peer connection exists until
/// its frames end or <paramref name="cancellationToken"/> fires. Echo mode is one; the 3D pipeline another.
/// </summary>
internal interface IVideoSessionHandler
{
    /// <summary>
    /// Consumes <see cref="PeerConnection.Receiver"/> frames and sends through <see cref="PeerConnection.Sender"/>;
    /// <paramref name="connectionId"/> is the SignalR connection that opened the session (its control calls use it).
    /// </summary>
    Task RunAsync(string connectionId, PeerConnection connection, CancellationToken cancellationToken);
}
