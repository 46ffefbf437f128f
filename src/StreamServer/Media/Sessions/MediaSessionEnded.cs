namespace PortraitStream.Server.Media.Sessions;

/// <summary>A session ended by itself (consent expired, DTLS failed, the peer left); not raised when it was closed on request.</summary>
internal sealed record MediaSessionEnded(string Id, MediaSessionOrigin Origin, string Reason);
