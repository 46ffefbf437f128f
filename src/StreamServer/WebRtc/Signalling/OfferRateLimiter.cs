using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PortraitStream.Server.WebRtc.Signalling;

/// <summary>
/// Caps how often one SignalR connection may send offers: each offer binds a UDP port and starts DTLS,
/// so a client looping on Offer must not exhaust ports or CPU for everyone else.
/// </summary>
internal sealed class OfferRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    /// <summary>Uses <see cref="WebRtcOptions.MaxOffersPerMinute"/>.</summary>
    public OfferRateLimiter(IOptions<WebRtcOptions> options)
    {
        int perMinute = options.Value.MaxOffersPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(connectionId => RateLimitPartition.GetFixedWindowLimiter(connectionId,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>True when <paramref name="connectionId"/> may send one more offer now.</summary>
    public bool TryAcquire(string connectionId)
    {
        using var lease = _limiter.AttemptAcquire(connectionId);
        return lease.IsAcquired;
    }

    /// <inheritdoc/>
    public void Dispose() => _limiter.Dispose();
}
