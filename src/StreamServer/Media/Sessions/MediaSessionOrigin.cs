namespace PortraitStream.Server.Media.Sessions;

/// <summary>Who opened a media session: it decides where the session's events go and how it is listed.</summary>
internal enum MediaSessionOrigin
{
    /// <summary>A browser through the SignalR hub; the session id is the hub connection's.</summary>
    Hub,

    /// <summary>A WHIP publisher (RFC 9725); the session id is its resource's.</summary>
    Whip,
}
