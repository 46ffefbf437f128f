using System.Text;
using Microsoft.Net.Http.Headers;
using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.Signalling.Whip;

/// <summary>
/// The HTTP side WHIP (RFC 9725) and WHEP share: an SDP offer POSTed as <c>application/sdp</c> becomes a resource
/// answered 201 with <c>Location</c>, <c>ETag</c>, <c>Link rel="ice-server"</c> and the SDP answer; the resource
/// takes DELETE, and PATCH gets 405 because we are ICE-lite with host candidates and take the complete offer (no
/// trickle ICE, no ICE restart). Refusals carry a text body a developer can act on.
/// </summary>
internal static class SdpResourceHttp
{
    public const string SdpType = "application/sdp";

    /// <summary>
    /// The POSTed offer read as a <see cref="VideoOffer"/>, or the refusal to send instead: 415 for another content
    /// type, 413 above <paramref name="maxBytes"/>, 400 for what is not a usable offer, 422 for a well-formed one we
    /// cannot take.
    /// </summary>
    public static async Task<(VideoOffer? Offer, IResult? Refusal)> ReadOfferAsync(HttpContext context, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        // RFC 9725 §4.2: the offer is the body, as application/sdp; anything else is not ours to guess at.
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals(SdpType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Text($"Content-Type must be {SdpType}.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        var sdp = await ReadBodyAsync(context.Request, maxBytes, context.RequestAborted).ConfigureAwait(false);
        if (sdp is null)
        {
            return (null, Results.Text($"The offer exceeds {maxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        return VideoOffer.TryRead(sdp, out var offer, out var rejection)
            ? (offer, null)
            : (null, Unprocessable($"Offer rejected ({rejection.Reason}): {rejection.Message}", StatusFor(rejection.Reason)));
    }

    /// <summary>A well-formed offer we cannot take, with <paramref name="message"/>: 422.</summary>
    public static IResult Unprocessable(string message, int status = StatusCodes.Status422UnprocessableEntity) =>
        Results.Text(message, statusCode: status);

    /// <summary>201 with the resource's <paramref name="location"/>, its ETag, the ICE servers and our answer.</summary>
    public static IResult Created(HttpContext context, string location, string etag, IEnumerable<string> iceServers, string answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(iceServers);
        var headers = context.Response.Headers;
        headers.Location = location;
        // RFC 9725 §4.3.1: the ETag names the ICE session; ours never changes, as there is no ICE restart.
        headers.ETag = $"\"{etag}\"";
        // RFC 9725 §4.6.
        foreach (var server in iceServers)
        {
            headers.Append(HeaderNames.Link, $"<{server}>; rel=\"ice-server\"");
        }

        return Results.Text(answer, SdpType, Encoding.UTF8, StatusCodes.Status201Created);
    }

    /// <summary>Limits or load refuse the offer: 503 with Retry-After (RFC 9725 §4.6 lets a busy endpoint say so).</summary>
    public static IResult Busy(HttpContext context, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = "10";
        return Results.Text(message, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>PATCH on a live resource (RFC 9725 §4.3.1): nothing to trickle and no restart, so 405 with what is allowed.</summary>
    public static IResult IceLitePatch(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Allow = HttpMethods.Delete;
        return Results.Text("This server is ICE-lite with host candidates and takes the complete offer: it supports neither trickle ICE nor ICE restart.",
            statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>OPTIONS on the endpoint (a browser's CORS preflight): what it allows and that it takes SDP.</summary>
    public static IResult EndpointOptions(HttpContext context, string allow)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Allow = allow;
        context.Response.Headers["Accept-Post"] = SdpType;
        return Results.NoContent();
    }

    /// <summary>OPTIONS on a resource.</summary>
    public static IResult ResourceOptions(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Allow = "OPTIONS, DELETE";
        return Results.NoContent();
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
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
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
}
