using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// <c>AddServerAuth()</c>: "Auth" validated at start, the shared-token and JWT schemes as configured, the named
/// policies (<see cref="AuthPolicies"/>), the start-up line naming the mode, and Kestrel wrapped so that
/// <c>access_token</c> never reaches a log. <c>UseServerAuth()</c>: ASP.NET Core's authentication and
/// authorization middleware; endpoints opt in with <c>RequireAuthorization(AuthPolicies.X)</c>.
/// </summary>
internal static class AuthExtensions
{
    public static IServiceCollection AddServerAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new AuthOptionsValidator(configuration));
        services.AddHostedService<AuthModeAnnouncement>();
        AccessTokenStrippingServer.Decorate(services);

        // Which schemes exist is decided here, from configuration as it is at start, like the rest of the composition.
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var schemes = new List<string>();
        var authentication = services.AddAuthentication();
        // AddAuthentication brings Data Protection, which nothing here uses (bearer credentials are not encrypted
        // cookies); in memory, it writes no key files and logs no "unencrypted key" warning at every start.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (auth.HasToken)
        {
            schemes.Add(SharedTokenHandler.SchemeName);
            authentication.AddScheme<SharedTokenOptions, SharedTokenHandler>(SharedTokenHandler.SchemeName, null);
            services.AddOptions<SharedTokenOptions>(SharedTokenHandler.SchemeName)
                .Configure<IOptions<AuthOptions>>((o, a) => o.Digest = SharedTokenHandler.Digest(a.Value.Token ?? ""));
        }
        if (auth.HasJwt)
        {
            schemes.Add(JwtBearerDefaults.AuthenticationScheme);
            authentication.AddJwtBearer(o =>
            {
                o.Authority = auth.Jwt.Authority;
                o.Audience = auth.Jwt.Audience;
                o.RequireHttpsMetadata = auth.Jwt.RequireHttpsMetadata;
                // Same places as the shared token: the header, or on the hub the query value taken out before logging.
                o.Events = new JwtBearerEvents { OnMessageReceived = c => { c.Token = BearerToken.Of(c.HttpContext); return Task.CompletedTask; } };
            });
        }

        var client = ClientPolicy([.. schemes]);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Client, client)
            .AddPolicy(AuthPolicies.Metrics, auth.OpenMetrics ? ClientPolicy([]) : client);
        return services;
    }

    public static WebApplication UseServerAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>An authenticated caller by any of <paramref name="schemes"/>; with none configured, anyone.</summary>
    private static AuthorizationPolicy ClientPolicy(string[] schemes) => schemes.Length == 0
        ? new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build()
        : new AuthorizationPolicyBuilder([.. schemes]).RequireAuthenticatedUser().Build();
}
