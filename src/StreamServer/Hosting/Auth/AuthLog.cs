namespace PortraitStream.Server.Hosting.Auth;

/// <summary>The start-up line naming who may use the server (never the secret itself).</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Auth: clients need the shared bearer token (Auth:Token) on the hub{Metrics}")]
    public static partial void TokenMode(ILogger logger, string metrics);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Auth: clients need a JWT from {Authority} for audience {Audience} on the hub{Metrics}")]
    public static partial void JwtMode(ILogger logger, string authority, string audience, string metrics);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Auth: clients need the shared bearer token (Auth:Token) or a JWT from {Authority} for audience {Audience} on the hub{Metrics}")]
    public static partial void TokenOrJwtMode(ILogger logger, string authority, string audience, string metrics);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning, Message = "Auth: anonymous (no Auth:Token or Auth:Jwt:Authority): serving loopback addresses only; set a token to serve other machines")]
    public static partial void AnonymousLoopbackMode(ILogger logger);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Warning, Message = "Auth: anonymous on every address (Auth:AllowAnonymous): anyone who reaches the port can start sessions and drive the renderer")]
    public static partial void AnonymousMode(ILogger logger);
}
