using System.Security.Cryptography;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.Signalling.Whip;

/// <summary>
/// WHIP's view of the session table: opens a session for a publisher under a fresh unguessable id (its resource URL is
/// the capability to end it, RFC 9725 §4.2) and ends it on DELETE (<see cref="SessionListing"/> lists the live ones). The session's record (its
/// controls, who steers it) is the registry's, made and removed with the media session.
/// </summary>
internal sealed class WhipSessions(MediaSessionTable sessions)
{
    /// <summary>Opens a session for <paramref name="offer"/>; returns its id and our answer. Throws as <see cref="MediaSessionTable.OpenAsync(string, string, VideoOffer, MediaSessionOrigin)"/>.</summary>
    public async Task<(string Id, string Answer)> OpenAsync(string client, VideoOffer offer)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var answer = await sessions.OpenAsync(id, client, offer, MediaSessionOrigin.Whip).ConfigureAwait(false);
        return (id, answer);
    }

    /// <summary>True when <paramref name="id"/> is a live WHIP session.</summary>
    public bool Exists(string id) => sessions.OriginOf(id) == MediaSessionOrigin.Whip;

    /// <summary>Ends WHIP session <paramref name="id"/>; false when there is none (a browser's session is not WHIP's to end).</summary>
    public async Task<bool> CloseAsync(string id)
    {
        if (!Exists(id))
        {
            return false;
        }

        await sessions.CloseAsync(id).ConfigureAwait(false);
        return true;
    }
}
