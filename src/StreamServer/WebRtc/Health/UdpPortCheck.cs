using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.WebRtc.Health;

/// <summary>
/// Ready while a peer connection could bind a UDP port of WebRtc:PortMin–PortMax: binds one the way a session would
/// (<see cref="UdpSocketBinder"/>) and lets it go at once. Another process holding the range shows here, not only
/// as a refused offer.
/// </summary>
internal sealed class UdpPortCheck(IOptions<WebRtcOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var family = HostCandidateAddresses.Resolve(o.AnnouncedAddresses)[0].AddressFamily;
        try
        {
            using var socket = UdpSocketBinder.Bind(family, o.PortMin, o.PortMax);
            return Task.FromResult(HealthCheckResult.Healthy($"UDP port {((IPEndPoint)socket.LocalEndPoint!).Port} free"));
        }
        catch (InvalidOperationException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(e.Message));
        }
    }
}
