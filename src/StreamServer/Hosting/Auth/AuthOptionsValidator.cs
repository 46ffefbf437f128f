using System.Buffers;
using Microsoft.Extensions.Options;

namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// Checks "Auth" when the server starts, so a weak or incomplete setting stops it with the reason instead of leaving
/// it open: a token too short or unusable in a header, a JWT authority without an audience or not a URL, and an
/// anonymous server configured to listen beyond loopback without <c>Auth:AllowAnonymous</c>. Messages never
/// contain the token.
/// </summary>
internal sealed class AuthOptionsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    // RFC 6750 §2.1's b64token alphabet is narrower; any visible ASCII is accepted so random passwords work too.
    private static readonly SearchValues<char> TokenCharacters = SearchValues.Create(
        Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).ToArray());

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.HasToken)
        {
            if (options.Token!.Length < AuthOptions.MinimumTokenLength)
            {
                failures.Add($"Auth:Token must be at least {AuthOptions.MinimumTokenLength} characters (it has {options.Token.Length}); "
                    + "make one with `openssl rand -hex 32`.");
            }
            if (options.Token.AsSpan().ContainsAnyExcept(TokenCharacters))
            {
                failures.Add("Auth:Token may hold only visible ASCII characters (no spaces), since clients send it in an HTTP header.");
            }
        }
        if (options.HasJwt)
        {
            if (!Uri.TryCreate(options.Jwt.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                failures.Add("Auth:Jwt:Authority must be the identity provider's http(s) issuer URL.");
            }
            else if (authority.Scheme == "http" && options.Jwt.RequireHttpsMetadata)
            {
                // JwtBearer would otherwise throw on every request (500s); say it once, at start.
                failures.Add("Auth:Jwt:Authority is http://: use the provider's https:// URL, or set Auth:Jwt:RequireHttpsMetadata false for a provider on a trusted network.");
            }
            if (string.IsNullOrWhiteSpace(options.Jwt.Audience))
            {
                failures.Add("Auth:Jwt:Audience is required with Auth:Jwt:Authority (the aud claim tokens for this server carry).");
            }
        }
        if (options.Mode == AuthMode.AnonymousLoopback && ListenUrls().FirstOrDefault(url => !LoopbackHosts.IsLoopback(LoopbackHosts.HostOf(url))) is { } open)
        {
            failures.Add($"Auth: no Auth:Token or Auth:Jwt:Authority is set, so the server serves loopback only, but it is configured to listen on {open}. "
                + "Set a token, bind a loopback address (http://localhost:PORT), or pass --Auth:AllowAnonymous true to let anyone who reaches the port in.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Every address Kestrel may be told to listen on: <c>urls</c> (--urls, ASPNETCORE_URLS, appsettings), the
    /// <c>http_ports</c>/<c>https_ports</c> shorthands (all interfaces) when no URL is set, and each
    /// <c>Kestrel:Endpoints:*:Url</c>. Nothing set: Kestrel's default, localhost.
    /// </summary>
    private IEnumerable<string> ListenUrls()
    {
        var urls = configuration["urls"];
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return url;
        }
        if (string.IsNullOrWhiteSpace(urls))
        {
            foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
            {
                foreach (var port in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    yield return $"{scheme}://*:{port}";
                }
            }
        }
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }
}
