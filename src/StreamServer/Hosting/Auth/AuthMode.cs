namespace PortraitStream.Server.Hosting.Auth;

/// <summary>How clients are authenticated, as the start-up log names it.</summary>
internal enum AuthMode
{
    /// <summary>The shared token from <c>Auth:Token</c>.</summary>
    Token,

    /// <summary>JWTs from the <c>Auth:Jwt</c> authority.</summary>
    Jwt,

    /// <summary>Either the shared token or a JWT.</summary>
    TokenOrJwt,

    /// <summary>No credentials, and so loopback addresses only.</summary>
    AnonymousLoopback,

    /// <summary>No credentials on any address, by the operator's explicit <c>Auth:AllowAnonymous</c>.</summary>
    Anonymous,
}
