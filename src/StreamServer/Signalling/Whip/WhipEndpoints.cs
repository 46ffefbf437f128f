using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Signalling.Whip;

/// <summary>
/// WHIP ingest (RFC 9725) at <c>/whip</c>: a publisher POSTs its SDP offer and gets 201 with our answer and its
/// session's resource URL; DELETE on that URL ends the session. The session runs the same handler (the 3D pipeline,
/// or echo) as a browser's. We are ICE-lite with host candidates only and take the complete offer, so there is
/// nothing to trickle and no ICE restart: PATCH is answered 405 (RFC 9725 §4.3.1).
/// </summary>
internal static class WhipEndpoints
{
    public const string Path = "/whip";

    private const string SdpType = "application/sdp";

    /// <summary>
    /// Maps the endpoint and returns its group, so the host attaches the client policy; OPTIONS (a browser's CORS
    /// preflight, which carries no credentials) stays open.
    /// </summary>
    public static RouteGroupBuilder MapWhip(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(Path);
        group.MapPost("", PublishAsync);
        group.MapGet("", (WhipSessions whip) => Results.Json(new WhipSessionList(whip.Ids().Select(id => new WhipSessionEntry(id, ResourceUrl(id))).ToArray())));
        group.MapMethods("", [HttpMethods.Options], Options).AllowAnonymous();
        group.MapDelete("/{id}", async (string id, WhipSessions whip) =>
            await whip.CloseAsync(id).ConfigureAwait(false) ? Results.Ok() : NoSuchSession());
        group.MapPatch("/{id}", (string id, WhipSessions whip, HttpContext context) =>
        {
            if (!whip.Exists(id))
            {
                return NoSuchSession();
            }

            context.Response.Headers.Allow = HttpMethods.Delete;
            return Results.Text("This server is ICE-lite with host candidates and takes the complete offer: it supports neither trickle ICE nor ICE restart.",
                statusCode: StatusCodes.Status405MethodNotAllowed);
        });
        group.MapMethods("/{id}", [HttpMethods.Options], (HttpContext context) =>
        {
            context.Response.Headers.Allow = "OPTIONS, DELETE";
            return Results.NoContent();
        }).AllowAnonymous();
        return group;
    }

    private static IResult Options(HttpContext context)
    {
        context.Response.Headers.Allow = "OPTIONS, GET, POST";
        context.Response.Headers["Accept-Post"] = SdpType;
        return Results.NoContent();
    }

    private static async Task<IResult> PublishAsync(HttpContext context, WhipSessions whip, IOptions<WhipOptions> options)
    {
        // RFC 9725 §4.2: the offer is the body, as application/sdp; anything else is not ours to guess at.
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals(SdpType, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Text($"Content-Type must be {SdpType}.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var sdp = await ReadOfferAsync(context.Request, options.Value.MaxOfferBytes, context.RequestAborted).ConfigureAwait(false);
        if (sdp is null)
        {
            return Results.Text($"The offer exceeds {options.Value.MaxOfferBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (!VideoOffer.TryRead(sdp, out var offer, out var rejection))
        {
            return Results.Text($"Offer rejected ({rejection.Reason}): {rejection.Message}", statusCode: StatusFor(rejection.Reason));
        }

        string id, answer;
        try
        {
            (id, answer) = await whip.OpenAsync(ClientKey.Of(context), offer).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // Session limits or load (RFC 9725 §4.6 lets a busy endpoint answer 503 with Retry-After).
            context.Response.Headers.RetryAfter = "10";
            return Results.Text(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var headers = context.Response.Headers;
        headers.Location = ResourceUrl(id);
        // RFC 9725 §4.3.1: the ETag names the ICE session; ours never changes, as there is no ICE restart.
        headers.ETag = $"\"{id}\"";
        foreach (var server in options.Value.IceServers)
        {
            headers.Append(HeaderNames.Link, $"<{server}>; rel=\"ice-server\"");
        }

        return Results.Text(answer, SdpType, Encoding.UTF8, StatusCodes.Status201Created);
    }

    /// <summary>
    /// A well-formed offer we cannot take (no video, no codec we speak, a transport we do not do) is 422; one that is
    /// not a usable offer at all is 400. The codec decision itself is <see cref="VideoOffer"/>'s, in one place.
    /// </summary>
    private static int StatusFor(OfferRejectionReason reason) => reason switch
    {
        OfferRejectionReason.NoVideo or OfferRejectionReason.NoSupportedCodec or OfferRejectionReason.UnsupportedSetup or OfferRejectionReason.NoRtcpMux
            => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The body as text, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadOfferAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string ResourceUrl(string id) => $"{Path}/{id}";

    private static IResult NoSuchSession() => Results.Text("No such WHIP session.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>GET /whip's body.</summary>
    private sealed record WhipSessionList(WhipSessionEntry[] Sessions);

    /// <summary>One live WHIP session: its id and resource URL.</summary>
    private sealed record WhipSessionEntry(string Id, string Url);
}
