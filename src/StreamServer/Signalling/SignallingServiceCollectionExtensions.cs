using PortraitStream.Server.Signalling.Whep;
using PortraitStream.Server.Signalling.Whip;

namespace PortraitStream.Server.Signalling;

/// <summary>Registers what the hub needs beside SignalR itself (<c>AddStreamHub()</c>) WHIP ingest (<c>AddWhip()</c>) and WHEP egress (<c>AddWhep()</c>).</summary>
internal static class SignallingServiceCollectionExtensions
{
    /// <summary>
    /// The per-connection push queues and the session listing (the hub's, WHIP's and WHEP's). Needs <c>AddPipeline()</c>
    /// (the session records the hub steers).
    /// </summary>
    public static IServiceCollection AddStreamHub(this IServiceCollection services)
    {
        services.AddSingleton<ClientPushes>();
        services.AddSingleton<SessionListing>();
        return services;
    }

    /// <summary>WHIP ingest: options from "Whip" and the WHIP sessions' bookkeeping. Needs <c>AddStreamHub()</c> and <c>AddPipeline()</c>.</summary>
    public static IServiceCollection AddWhip(this IServiceCollection services)
    {
        services.AddOptions<WhipOptions>().BindConfiguration(WhipOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WhipSessions>();
        return services;
    }

    /// <summary>WHEP egress: options from "Whep" (the SDP limits are WHIP's). Needs <c>AddWhip()</c> and <c>AddMediaSessions()</c>.</summary>
    public static IServiceCollection AddWhep(this IServiceCollection services)
    {
        services.AddOptions<WhepOptions>().BindConfiguration(WhepOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
