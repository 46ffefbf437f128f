using Microsoft.Extensions.Options;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Media.Viewers;
using PortraitStream.Server.Signalling.Whip;
using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.Signalling.Whep;

/// <summary>
/// WHEP egress (draft-ietf-wish-whep, WHIP's HTTP exchange turned round) at <c>/whep/{id}</c>: a viewer POSTs a
/// recvonly offer for live session <c>{id}</c> (a WHIP publisher's or a browser's) and gets 201 with our sendonly
/// answer in the codec its offer prefers and its resource URL <c>/whep/{id}/{viewerId}</c>; DELETE ends the viewer.
/// The viewer sees what the session renders (<see cref="ViewerFanOut"/>). An offer that wants to send is refused 422:
/// it is well-formed SDP, but a viewer has nothing to send here and answering it recvonly would set up a call nobody
/// reads. <c>GET /whep</c> lists the sessions one can view. ICE-lite, so PATCH is 405 as for WHIP.
/// </summary>
internal static class WhepEndpoints
{
    public const string Path = "/whep";

    /// <summary>Maps the endpoint and returns its group for the host's client policy; OPTIONS stays open (CORS preflight).</summary>
    public static RouteGroupBuilder MapWhep(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(Path);
        group.MapGet("", (SessionListing listing) => Results.Json(new ViewableSessionList(listing.List()
            .Select(s => new ViewableSession(s.Id, s.Origin, $"{Path}/{s.Id}", s.Viewers)).ToArray())));
        group.MapPost("/{id}", ViewAsync);
        group.MapMethods("/{id}", [HttpMethods.Options], (HttpContext context) => SdpResourceHttp.EndpointOptions(context, "OPTIONS, POST")).AllowAnonymous();
        group.MapDelete("/{id}/{viewerId}", async (string id, string viewerId, MediaSessionTable sessions) =>
            sessions.ViewersOf(id) is { } viewers && await viewers.RemoveAsync(viewerId).ConfigureAwait(false) ? Results.Ok() : NoSuchViewer());
        group.MapPatch("/{id}/{viewerId}", (string id, string viewerId, MediaSessionTable sessions, HttpContext context) =>
            sessions.ViewersOf(id)?.Find(viewerId) is not null ? SdpResourceHttp.IceLitePatch(context) : NoSuchViewer());
        group.MapMethods("/{id}/{viewerId}", [HttpMethods.Options], SdpResourceHttp.ResourceOptions).AllowAnonymous();
        return group;
    }

    private static async Task<IResult> ViewAsync(string id, HttpContext context, MediaSessionTable sessions,
        IOptions<WhipOptions> sdp, IOptions<WhepOptions> options)
    {
        if (sessions.ViewersOf(id) is null)
        {
            return NoSuchSession();
        }

        var (offer, refusal) = await SdpResourceHttp.ReadOfferAsync(context, sdp.Value.MaxOfferBytes).ConfigureAwait(false);
        if (offer is null)
        {
            return refusal!;
        }

        if (offer.Direction != MediaDirection.RecvOnly)
        {
            return SdpResourceHttp.Unprocessable(
                $"A WHEP viewer's video must be offered recvonly; this offer is {MediaDirections.Name(offer.Direction)}. Publish over WHIP (POST /whip) to send.");
        }

        // Looked up again: the session may have ended while the offer was read.
        if (sessions.ViewersOf(id) is not { } viewers)
        {
            return NoSuchSession();
        }

        string viewerId, answer;
        try
        {
            (viewerId, answer) = await viewers.AddAsync(offer, options.Value.MaxViewersPerSession).ConfigureAwait(false);
        }
        catch (ViewerRefusedException e) when (e.Ended)
        {
            return NoSuchSession();
        }
        catch (ViewerRefusedException e)
        {
            return SdpResourceHttp.Busy(context, e.Message);
        }

        return SdpResourceHttp.Created(context, $"{Path}/{id}/{viewerId}", viewerId, sdp.Value.IceServers, answer);
    }

    private static IResult NoSuchSession() => Results.Text("No such live session.", statusCode: StatusCodes.Status404NotFound);

    private static IResult NoSuchViewer() => Results.Text("No such WHEP viewer.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>GET /whep's body.</summary>
    private sealed record ViewableSessionList(ViewableSession[] Sessions);

    /// <summary>A live session: its id, who opened it ("browser" or "whip"), the URL to POST a viewer's offer to and how many watch.</summary>
    private sealed record ViewableSession(string Id, string Kind, string Url, int Viewers);
}
