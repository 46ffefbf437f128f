namespace PortraitStream.Server.Hosting;

/// <summary>
/// Decides whether a request's <c>Origin</c> header (RFC 6454 §7) may use the server. Browsers send it on every
/// WebSocket handshake and every cross-origin or non-GET fetch, so refusing unknown origins stops other sites'
/// pages from driving a user's session (cross-site WebSocket hijacking). A request without <c>Origin</c> comes from
/// no page (a navigation, curl, a test client) and is not this policy's business.
/// </summary>
internal sealed class OriginPolicy
{
    private readonly (string Scheme, string Host, int? Port)[] _allowed;

    public OriginPolicy(IEnumerable<string> allowedOrigins)
    {
        _allowed = allowedOrigins.Select(Parse).ToArray();
    }

    /// <summary>True when <paramref name="origin"/> is absent, listed, or the request's own origin.</summary>
    public bool Allows(string? origin, string requestScheme, string? requestHost)
    {
        if (origin is null)
        {
            return true;
        }
        // "null" (opaque origins: sandboxed frames, file: pages) and anything unparsable never match.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0)
        {
            return false;
        }
        if (requestHost is not null && string.Equals(origin, $"{requestScheme}://{requestHost}", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        foreach (var (scheme, host, port) in _allowed)
        {
            if (string.Equals(uri.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase)
                && (port is null || uri.Port == port))
            {
                return true;
            }
        }
        return false;
    }

    private static (string, string, int?) Parse(string entry)
    {
        var anyPort = entry.EndsWith(":*", StringComparison.Ordinal);
        var text = anyPort ? entry[..^2] : entry;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || text.EndsWith('/'))
        {
            throw new ArgumentException($"Hosting:AllowedOrigins: \"{entry}\" is not an origin (scheme://host[:port] or scheme://host:*)");
        }
        return (uri.Scheme, uri.Host, anyPort ? null : uri.Port);
    }
}
