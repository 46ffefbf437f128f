namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// Who may use the server (configuration section "Auth"): a shared bearer token, bearer JWTs from an identity
/// provider, both, or neither. Without either the server is anonymous and serves loopback only unless
/// <see cref="AllowAnonymous"/> says otherwise (<see cref="AuthOptionsValidator"/>).
/// </summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The shared secret clients send as <c>Authorization: Bearer …</c> (or, to the hub only, the <c>access_token</c>
    /// query value browsers must use for WebSockets). At least <see cref="MinimumTokenLength"/> characters, printable
    /// ASCII without spaces; never logged.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Bearer JWT validation against an OpenID Connect authority; off while its Authority is empty.</summary>
    public JwtAuthOptions Jwt { get; set; } = new();

    /// <summary>
    /// With neither a token nor a JWT authority, serve whoever reaches the port on any address. Off by default: an
    /// anonymous server then refuses to start on anything but loopback addresses.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Leave <c>/metrics</c> open when a token or JWT is configured (a scraper inside a private network without
    /// credentials). Off by default: the figures name models, devices and load, which is an attacker's reconnaissance.
    /// </summary>
    public bool OpenMetrics { get; set; }

    /// <summary>Shorter shared secrets are refused at start: 16 random characters hold 64 bits even as hex digits.</summary>
    public const int MinimumTokenLength = 16;

    public bool HasToken => !string.IsNullOrEmpty(Token);

    public bool HasJwt => !string.IsNullOrWhiteSpace(Jwt.Authority);

    public AuthMode Mode => (HasToken, HasJwt, AllowAnonymous) switch
    {
        (true, true, _) => AuthMode.TokenOrJwt,
        (true, false, _) => AuthMode.Token,
        (false, true, _) => AuthMode.Jwt,
        (false, false, false) => AuthMode.AnonymousLoopback,
        (false, false, true) => AuthMode.Anonymous,
    };
}
