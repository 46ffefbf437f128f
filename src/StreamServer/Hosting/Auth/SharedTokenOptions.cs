using Microsoft.AspNetCore.Authentication;

namespace PortraitStream.Server.Hosting.Auth;

/// <summary>The shared-token scheme's settings: only the SHA-256 digest of <c>Auth:Token</c> is kept.</summary>
internal sealed class SharedTokenOptions : AuthenticationSchemeOptions
{
    public byte[] Digest { get; set; } = [];
}
