using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Hosting.Drain;

/// <summary>
/// Whether the server is draining: once SIGTERM arrives it admits no new session, so an offer is refused and the
/// readiness probe's session check turns 503 (an admission check, so both read the same answer), while the sessions
/// already open go on.
/// </summary>
internal sealed class ServerDrain : ISessionAdmissionCheck
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    /// <summary>Starts draining; idempotent. Returns false when it had already begun.</summary>
    public bool Begin()
    {
        if (_draining)
        {
            return false;
        }

        _draining = true;
        return true;
    }

    /// <inheritdoc/>
    public string? RefusalForAnotherSession() => _draining
        ? "The server is shutting down and takes no new sessions (open ones finish); connect again to reach another."
        : null;
}
