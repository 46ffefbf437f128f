namespace PortraitStream.Server.Hosting.Auth;

/// <summary>Bearer JWTs (configuration section "Auth:Jwt"), validated by ASP.NET Core's JwtBearer handler.</summary>
internal sealed class JwtAuthOptions
{
    /// <summary>
    /// The identity provider's issuer URL; its <c>/.well-known/openid-configuration</c> names the signing keys, which
    /// are fetched and refreshed from there. Empty: JWTs are not accepted.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> a token must carry (this server's API identifier at the provider). Required with Authority.</summary>
    public string? Audience { get; set; }

    /// <summary>Fetch the authority's metadata over HTTPS only. Turn off only for a provider on a trusted local network.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
