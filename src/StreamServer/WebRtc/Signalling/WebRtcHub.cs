using Microsoft.AspNetCore.SignalR;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.WebRtc.Signalling;

/// <summary>
/// Signalling at <c>/hub</c>: the browser sends its complete offer (ICE candidates gathered or not: we
/// are ICE-lite and need none of its candidates) and gets the answer back. Thin: validates and delegates.
/// </summary>
public sealed class WebRtcHub(PeerConnectionManager sessions, OfferRateLimiter rateLimiter) : Hub<IWebRtcClient>
{
    /// <summary>Answers <paramref name="sdp"/>; a refused offer comes back as a HubException saying why.</summary>
    public async Task<string> Offer(string sdp)
    {
        if (!rateLimiter.TryAcquire(Context.ConnectionId))
        {
            throw new HubException("Too many offers from this connection; wait a minute.");
        }

        try
        {
            return await sessions.OpenAsync(Context.ConnectionId, sdp).ConfigureAwait(false);
        }
        catch (OfferRejectedException e)
        {
            throw new HubException($"Offer rejected ({e.Rejection.Reason}): {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new HubException(e.Message);
        }
    }

    /// <summary>Ends the caller's peer connection.</summary>
    public Task Close() => sessions.CloseAsync(Context.ConnectionId);

    /// <inheritdoc/>
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await sessions.CloseAsync(Context.ConnectionId).ConfigureAwait(false);
        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }
}
