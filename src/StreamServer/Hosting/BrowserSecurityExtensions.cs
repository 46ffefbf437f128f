using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace PortraitStream.Server.Hosting;

/// <summary>Who may reach the server from a browser: the Host header check (DNS rebinding) and the Origin check.</summary>
internal static class BrowserSecurityExtensions
{
    /// <summary>
    /// Options from "Hosting" and a default for <c>AllowedHosts</c> when configuration sets none (ASP.NET Core's host
    /// filtering, already in the pipeline, then answers 400 to any other Host).
    /// </summary>
    public static IServiceCollection AddBrowserSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrowserOriginOptions>().BindConfiguration(BrowserOriginOptions.Section)
            .Validate(o => TryCreatePolicy(o) is not null, "Hosting:AllowedOrigins: each entry must be scheme://host[:port] or scheme://host:*")
            .ValidateOnStart();
        services.AddSingleton(sp => new OriginPolicy(sp.GetRequiredService<IOptions<BrowserOriginOptions>>().Value.AllowedOrigins));
        // Runs before the framework's PostConfigure, which falls back to "*" only when the list is still empty.
        services.Configure<HostFilteringOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
            {
                o.AllowedHosts = LoopbackHosts.For(configuration["urls"]);
            }
        });
        return services;
    }

    /// <summary>403 for any request whose Origin is not allowed, before the hub or any file sees it.</summary>
    public static WebApplication UseOriginCheck(this WebApplication app)
    {
        var policy = app.Services.GetRequiredService<OriginPolicy>();
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (policy.Allows(request.Headers.Origin.FirstOrDefault(), request.Scheme, request.Host.HasValue ? request.Host.Value : null))
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
        return app;
    }

    private static OriginPolicy? TryCreatePolicy(BrowserOriginOptions options)
    {
        try
        {
            return new OriginPolicy(options.AllowedOrigins);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
