using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Hosting.Drain;

/// <summary>Graceful drain on SIGTERM: <see cref="DrainingHostLifetime"/>, <see cref="ServerDrain"/>, "Hosting:DrainTimeout".</summary>
internal static class DrainExtensions
{
    /// <summary>
    /// Replaces the host's lifetime (ConsoleLifetime) and adds the drain as a session admission check, which the
    /// session manager asks before every offer and the readiness probe's session check reads.
    /// </summary>
    public static IServiceCollection AddGracefulDrain(this IServiceCollection services)
    {
        services.AddOptions<DrainOptions>().BindConfiguration(DrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServerDrain>();
        services.AddSingleton<ISessionAdmissionCheck>(sp => sp.GetRequiredService<ServerDrain>());
        services.AddSingleton<IHostLifetime, DrainingHostLifetime>();
        return services;
    }
}
