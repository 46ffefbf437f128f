using PortraitStream.Server.Hosting.Auth;
using PortraitStream.Server.Hosting.Drain;
using PortraitStream.Server.Media;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Signalling;
using PortraitStream.Server.Signalling.Whep;
using PortraitStream.Server.Signalling.Whip;
using PortraitStream.Server.WebRtc;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// The server's table of contents, in one place so the real host (Program.cs) and the in-process test host compose
/// exactly the same features.
/// </summary>
internal static class ServerComposition
{
    /// <summary>
    /// Who may use it (auth), the server's metrics and health checks, the drain on SIGTERM, inference (ONNX Runtime),
    /// rendering (Vulkan or CPU), the WebRTC edge, the media sessions, the live pipeline, the hub's pushes, WHIP and WHEP.
    /// </summary>
    public static WebApplicationBuilder AddPortraitStream(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddBrowserSecurity(builder.Configuration);
        builder.Services.AddServerAuth(builder.Configuration);
        builder.Services.AddServerMetrics();
        builder.Services.AddServerHealth();
        builder.Services.AddGracefulDrain();
        builder.Services.AddInference();
        builder.Services.AddRendering();
        builder.Services.AddWebRtc();
        builder.Services.AddMediaSessions(builder.Configuration);
        builder.Services.AddPipeline(builder.Configuration);
        builder.Services.AddStreamHub();
        builder.Services.AddWhip();
        builder.Services.AddWhep();
        return builder;
    }

    /// <summary>
    /// The origin check and authentication, then the web client (open), the hub, WHIP ingest and WHEP egress (client policy), the liveness and
    /// readiness probes (open: orchestrators probe without credentials) and /metrics (metrics policy).
    /// </summary>
    public static WebApplication MapPortraitStream(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseOriginCheck();
        app.UseServerAuth();
        app.MapWebRtc();
        app.MapStreamHub().RequireAuthorization(AuthPolicies.Client);
        app.MapWhip().RequireAuthorization(AuthPolicies.Client);
        app.MapWhep().RequireAuthorization(AuthPolicies.Client);
        app.MapServerHealth();
        app.MapServerMetrics().RequireAuthorization(AuthPolicies.Metrics);
        return app;
    }
}
