using Microsoft.Extensions.Options;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Signalling.Whip;

/// <summary>
/// WHIP ingest (RFC 9725) at <c>/whip</c>: a publisher POSTs its SDP offer and gets 201 with our answer and its
/// session's resource URL; DELETE on that URL ends the session. The session runs the same handler (the 3D pipeline,
/// or echo) as a browser's. We are ICE-lite with host candidates only and take the complete offer, so there is
/// nothing to trickle and no ICE restart: PATCH is answered 405 (RFC 9725 §4.3.1). The HTTP details are
/// <see cref="SdpResourceHttp"/>'s, shared with WHEP.
/// </summary>
internal static class WhipEndpoints
{
    public const string Path = "/whip";

    /// <summary>
    /// Maps the endpoint and returns its group, so the host attaches the client policy; OPTIONS (a browser's CORS
    /// preflight, which carries no credentials) stays open.
    /// </summary>
    public static RouteGroupBuilder MapWhip(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(Path);
        group.MapPost("", PublishAsync);
        group.MapGet("", (SessionListing listing) => Results.Json(new WhipSessionList(listing.List()
            .Where(s => s.Origin == MediaSessionOrigin.Whip.Kind()).Select(s => new WhipSessionEntry(s.Id, ResourceUrl(s.Id))).ToArray())));
        group.MapMethods("", [HttpMethods.Options], (HttpContext context) => SdpResourceHttp.EndpointOptions(context, "OPTIONS, GET, POST")).AllowAnonymous();
        group.MapDelete("/{id}", async (string id, WhipSessions whip) =>
            await whip.CloseAsync(id).ConfigureAwait(false) ? Results.Ok() : NoSuchSession());
        group.MapPatch("/{id}", (string id, WhipSessions whip, HttpContext context) =>
            whip.Exists(id) ? SdpResourceHttp.IceLitePatch(context) : NoSuchSession());
        group.MapMethods("/{id}", [HttpMethods.Options], SdpResourceHttp.ResourceOptions).AllowAnonymous();
        return group;
    }

    private static async Task<IResult> PublishAsync(HttpContext context, WhipSessions whip, IOptions<WhipOptions> options)
    {
        var (offer, refusal) = await SdpResourceHttp.ReadOfferAsync(context, options.Value.MaxOfferBytes).ConfigureAwait(false);
        if (offer is null)
        {
            return refusal!;
        }

        string id, answer;
        try
        {
            (id, answer) = await whip.OpenAsync(ClientKey.Of(context), offer).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            return SdpResourceHttp.Busy(context, e.Message); // session limits or load
        }

        return SdpResourceHttp.Created(context, ResourceUrl(id), id, options.Value.IceServers, answer);
    }

    private static string ResourceUrl(string id) => $"{Path}/{id}";

    private static IResult NoSuchSession() => Results.Text("No such WHIP session.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>GET /whip's body.</summary>
    private sealed record WhipSessionList(WhipSessionEntry[] Sessions);

    /// <summary>One live WHIP session: its id and resource URL.</summary>
    private sealed record WhipSessionEntry(string Id, string Url);
}
