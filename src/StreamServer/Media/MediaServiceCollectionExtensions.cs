using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Echo;
using PortraitStream.Server.Media.Health;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Media;

/// <summary>Registers the media sessions: <c>AddMediaSessions()</c>.</summary>
internal static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// The session table, the readiness check for a free session slot, and the echo handler when configuration key
    /// <c>Mode</c> is <c>echo</c> (otherwise the pipeline registers its own). Needs <c>AddWebRtc()</c> and
    /// <see cref="ServerMetrics"/>.
    /// </summary>
    public static IServiceCollection AddMediaSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MediaSessionTable>();
        services.AddHealthChecks().AddCheck<SessionCapacityCheck>("sessions", tags: [Readiness.Tag]);
        if (string.Equals(configuration["Mode"], "echo", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMediaSessionHandler, EchoVideoHandler>();
        }

        return services;
    }
}
