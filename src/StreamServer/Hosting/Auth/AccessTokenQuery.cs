using Microsoft.AspNetCore.Http.Features;

namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// Moves <c>access_token</c> out of a request's query string (and raw target) into an <see cref="AccessTokenFeature"/>,
/// leaving every other parameter as it was sent. A query naming it twice is ambiguous: both go, none is kept.
/// </summary>
internal static class AccessTokenQuery
{
    public const string Name = "access_token";

    public static void MoveToFeature(IFeatureCollection features)
    {
        ArgumentNullException.ThrowIfNull(features);
        features.Set<AccessTokenFeature>(null); // Kestrel reuses a connection's features for the next request
        var request = features.Get<IHttpRequestFeature>();
        // The name may come percent-encoded (access_%74oken), which the framework's query parser would decode.
        if (request is null || (!request.QueryString.Contains(Name, StringComparison.OrdinalIgnoreCase) && !request.QueryString.Contains('%', StringComparison.Ordinal)))
        {
            return;
        }

        var (query, token) = Strip(request.QueryString);
        request.QueryString = query;
        var question = request.RawTarget.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            request.RawTarget = request.RawTarget[..question] + Strip(request.RawTarget[question..]).Query;
        }
        if (token is { Length: > 0 })
        {
            features.Set(new AccessTokenFeature(token));
        }
    }

    /// <summary>"?a=1&amp;access_token=x&amp;b=2" → ("?a=1&amp;b=2", "x").</summary>
    private static (string Query, string? Token) Strip(string query)
    {
        var kept = new List<string>();
        var tokens = new List<string>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            if (string.Equals(key, Name, StringComparison.OrdinalIgnoreCase))
            {
                tokens.Add(equals < 0 ? "" : Uri.UnescapeDataString(part[(equals + 1)..].Replace('+', ' ')));
            }
            else
            {
                kept.Add(part);
            }
        }
        return (kept.Count == 0 ? "" : "?" + string.Join('&', kept), tokens.Count == 1 ? tokens[0] : null);
    }
}
