using PortraitStream.Server.Signalling;

namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// The credential a request presents: <c>Authorization: Bearer TOKEN</c> (RFC 6750 §2.1), or, on the hub only, the
/// <c>access_token</c> query value (§2.3), which browsers must use for WebSockets and which the server took out of
/// the query before logging (<see cref="AccessTokenFeature"/>). Anything else (another scheme, two Authorization
/// headers, "Bearer" with nothing after it) presents nothing, and the request is challenged with 401.
/// </summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static string? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            return authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
                && value.AsSpan(Scheme.Length).Trim() is { Length: > 0 } token
                ? token.ToString()
                : null;
        }
        return context.Request.Path.StartsWithSegments(StreamHubEndpoint.Path, StringComparison.OrdinalIgnoreCase)
            ? context.Features.Get<AccessTokenFeature>()?.Token
            : null;
    }
}
