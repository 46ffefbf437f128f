namespace PortraitStream.Server.Signalling;

/// <summary>Registers what the hub needs beside SignalR itself: <c>AddStreamHub()</c>.</summary>
internal static class SignallingServiceCollectionExtensions
{
    /// <summary>The per-browser push queues and the PeerClosed pushes. Needs <c>AddMediaSessions()</c>.</summary>
    public static IServiceCollection AddStreamHub(this IServiceCollection services)
    {
        services.AddSingleton<ClientPushes>();
        services.AddHostedService<SessionEndPushes>();
        return services;
    }
}
