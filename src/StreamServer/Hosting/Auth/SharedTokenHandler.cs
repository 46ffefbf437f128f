using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// Authenticates a request whose bearer token (<see cref="BearerToken"/>) is <c>Auth:Token</c>. Both sides are
/// compared as SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>: equal-length digests, so
/// neither the secret's length nor how much of it a guess matches shows in the time a refusal takes.
/// </summary>
internal sealed class SharedTokenHandler(IOptionsMonitor<SharedTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<SharedTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "SharedToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.Of(Context) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!Matches(presented, Options.Digest))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not the server's token."));
        }
        // No name identifier: every holder of the shared token is the same "user", so quotas keep counting per
        // address (ClientKey) rather than pooling all token holders into one.
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.AuthenticationMethod, SchemeName)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, "Bearer");
        return Task.CompletedTask;
    }

    public static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static bool Matches(string presented, byte[] digest) =>
        CryptographicOperations.FixedTimeEquals(Digest(presented), digest);
}
