namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// What a session does with its video: runs from the moment the session exists until its frames end or
/// <paramref name="cancellationToken"/> fires. Echo mode is one; the 3D pipeline another.
/// </summary>
internal interface IMediaSessionHandler
{
    /// <summary>Reads <see cref="IMediaSession.ReceiveVideoAsync"/> and sends through <see cref="IMediaSession.TrySendVideo"/>.</summary>
    Task RunAsync(IMediaSession session, CancellationToken cancellationToken);
}
