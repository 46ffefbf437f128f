using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Hosting.Drain;

/// <summary>
/// Whether the server is draining: once SIGTERM arrives it admits no new session, so an offer is refused and the
/// readiness probe's session check turns 503 (an admission check, so both read the same answer), while the sessions
/// already open go on.
/// </summary>
internal sealed class ServerDrain : ISessionAdmissionCheck
{
    private int _draining;

    public bool IsDraining => Volatile.Read(ref _draining) != 0;

    /// <summary>Starts draining; idempotent. Returns false when it had already begun (one caller wins, even at once).</summary>
    public bool Begin() => Interlocked.Exchange(ref _draining, 1) == 0;

    /// <inheritdoc/>
    public string? RefusalForAnotherSession() => IsDraining
        ? "The server is shutting down and takes no new sessions (open ones finish); connect again to reach another."
        : null;
}
