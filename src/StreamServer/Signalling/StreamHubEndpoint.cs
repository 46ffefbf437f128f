namespace PortraitStream.Server.Signalling;

/// <summary>Where the hub is served: <c>MapStreamHub()</c> returns its endpoint so the host attaches the client policy.</summary>
internal static class StreamHubEndpoint
{
    public const string Path = "/hub";

    public static HubEndpointConventionBuilder MapStreamHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapHub<StreamHub>(Path);
    }
}
