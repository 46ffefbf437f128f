using Microsoft.Extensions.Options;

namespace PortraitStream.Server.Hosting.Auth;

/// <summary>Logs the auth mode once as the server starts (after "Auth" passed validation), so an operator sees it.</summary>
internal sealed class AuthModeAnnouncement(IOptions<AuthOptions> options, ILogger<AuthModeAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        var metrics = auth.OpenMetrics ? " (/metrics left open: Auth:OpenMetrics)" : " and /metrics";
        switch (auth.Mode)
        {
            case AuthMode.Token:
                AuthLog.TokenMode(logger, metrics);
                break;
            case AuthMode.Jwt:
                AuthLog.JwtMode(logger, auth.Jwt.Authority!, auth.Jwt.Audience!, metrics);
                break;
            case AuthMode.TokenOrJwt:
                AuthLog.TokenOrJwtMode(logger, auth.Jwt.Authority!, auth.Jwt.Audience!, metrics);
                break;
            case AuthMode.AnonymousLoopback:
                AuthLog.AnonymousLoopbackMode(logger);
                break;
            default:
                AuthLog.AnonymousMode(logger);
                break;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
