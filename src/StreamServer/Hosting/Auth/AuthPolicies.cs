namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// The named authorization policies endpoints attach to with <c>RequireAuthorization(name)</c>. With a token or JWT
/// configured they need an authenticated caller (401 otherwise); anonymous, they admit everyone.
/// </summary>
internal static class AuthPolicies
{
    /// <summary>Anything that starts or drives a session: the hub now, WHIP and WHEP when they exist.</summary>
    public const string Client = "client";

    /// <summary><c>/metrics</c>: as <see cref="Client"/>, unless <c>Auth:OpenMetrics</c> leaves it open.</summary>
    public const string Metrics = "metrics";
}
