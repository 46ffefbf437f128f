namespace PortraitStream.Server.Hosting;

/// <summary>Which web origins may use the server from a browser (configuration section "Hosting").</summary>
internal sealed class BrowserOriginOptions
{
    public const string Section = "Hosting";

    /// <summary>
    /// Origins (RFC 6454 §6.1: <c>scheme://host[:port]</c>; <c>:*</c> for any port) whose pages may call the hub
    /// (WebSocket, SSE, long polling) and every other endpoint; a request carrying any other <c>Origin</c> gets 403.
    /// A page the server itself served (same origin as the request's checked Host) is always allowed. Default: pages
    /// on localhost, 127.0.0.1 and [::1], any port.
    /// </summary>
    public string[] AllowedOrigins { get; set; } =
    [
        "http://localhost:*", "https://localhost:*", "http://127.0.0.1:*", "https://127.0.0.1:*", "http://[::1]:*", "https://[::1]:*",
    ];
}
