namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// <paramref name="Session"/> ended: by itself (consent expired, DTLS failed, the peer left) when
/// <paramref name="ByItself"/>, else closed or replaced on request. The session itself, not only its id, so a listener
/// never mistakes a replacing session of the same id for the one that ended.
/// </summary>
internal sealed record MediaSessionEnded(IMediaSession Session, string Reason, bool ByItself)
{
    public string Id => Session.Id;

    public MediaSessionOrigin Origin => Session.Origin;
}
