using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.FileProviders;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.WebRtc.Faults;
using PortraitStream.Server.WebRtc.Health;
using PortraitStream.Server.WebRtc.Signalling;
using PortraitStream.Server.WebRtc.Warmup;

namespace PortraitStream.Server.WebRtc;

/// <summary>Registers the WebRTC media edge: <c>AddWebRtc()</c> for services, <c>MapWebRtc()</c> for endpoints.</summary>
internal static class WebRtcServiceCollectionExtensions
{
    /// <summary>
    /// Largest message a browser may send the hub. The biggest legitimate one is an SDP offer (a Chromium offer is
    /// about 6 KB; the SDP parser's own cap is 64 KB); SignalR buffers a message whole before dispatch, so this bounds
    /// the memory one connection can make the server hold.
    /// </summary>
    private const int MaxSignallingMessage = 64 * 1024;

    /// <summary>
    /// Options from "WebRtc", one DTLS context (certificate) per start, the offer rate limiter, the media edge's in-memory
    /// warm-up (the pipeline's start-up runs it), SignalR, the readiness
    /// check for a free UDP port and the start-up warning when test-only fault injection is on. The sessions themselves
    /// are Media's (<c>AddMediaSessions()</c>).
    /// </summary>
    public static IServiceCollection AddWebRtc(this IServiceCollection services)
    {
        services.AddOptions<WebRtcOptions>().BindConfiguration("WebRtc").ValidateDataAnnotations()
            .Validate(o => o.PortMin <= o.PortMax, "WebRtc:PortMin must not exceed WebRtc:PortMax.")
            .Validate(o => o.AnnouncedAddresses.All(a => IPAddress.TryParse(a, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork),
                "WebRtc:AnnouncedAddresses must be IPv4 addresses.")
            .Validate(o => o.FaultInjection.HasValidRates, "WebRtc:FaultInjection rates must lie within 0–100 %.")
            .ValidateOnStart();
        services.AddHostedService<FaultInjectionAnnouncement>();
        services.AddSingleton(TimeProvider.System);
        // Our SRTP is AES-CM-128/HMAC-SHA1-80 (RFC 3711); offering only that makes OpenSSL pick it.
        services.AddSingleton(_ => new DtlsContext(new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1Tag80] }));
        services.AddSingleton<OfferRateLimiter>();
        services.AddSingleton<TransportWarmup>();
        services.AddHealthChecks().AddCheck<UdpPortCheck>("udp-port", tags: [Readiness.Tag]);
        services.AddSignalR(o => o.MaximumReceiveMessageSize = MaxSignallingMessage);
        return services;
    }

    /// <summary>
    /// The pages of web/ (index.html at <c>/</c>) and the SignalR browser client at /lib/signalr, open to anyone: a
    /// page must load before it can ask for a token. The hub itself is mapped by Signalling (<c>MapStreamHub</c>).
    /// </summary>
    public static WebApplication MapWebRtc(this WebApplication app)
    {
        if (FindUp(app.Environment.ContentRootPath, "web") is { } web)
        {
            var files = new PhysicalFileProvider(web);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        // Served from npm's copy, never committed (package.json pins @microsoft/signalr).
        if (FindUp(app.Environment.ContentRootPath, Path.Combine("node_modules", "@microsoft", "signalr", "dist", "browser")) is { } signalr)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(signalr), RequestPath = "/lib/signalr" });
        }

        return app;
    }

    private static string? FindUp(string start, string relative)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
