using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Signalling;

/// <summary>
/// The one listing of live sessions, behind <c>GET /whip</c>, <c>GET /whep</c> and the hub's <c>Sessions()</c>: the
/// session registry's open records (one per session, whatever opened it), oldest first, each with its WHEP viewer count
/// from the media session table. Each endpoint keeps its own JSON shape by picking from <see cref="SessionSummary"/>.
/// </summary>
internal sealed class SessionListing(SessionRegistry records, MediaSessionTable media)
{
    /// <summary>The live sessions; <paramref name="caller"/> (a hub connection id, or null) marks its own as <see cref="SessionSummary.Yours"/>.</summary>
    public IReadOnlyList<SessionSummary> List(string? caller = null) =>
        records.Open().Select(r => new SessionSummary(r.Id, r.Origin.Kind(), r.Started, r.Control.Quality.Size,
            r.LastStats?.FpsOut ?? 0, media.ViewersOf(r.Id)?.Ids().Count ?? 0, r.Id == caller)).ToArray();
}
