using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace PortraitStream.Server.Signalling;

/// <summary>Whose quota a hub call counts against: the authenticated subject when there is one, else the remote address.</summary>
internal static class ClientKey
{
    public static string Of(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Of(context.UserIdentifier, context.GetHttpContext()?.Connection.RemoteIpAddress);
    }

    /// <summary>The same key for a plain HTTP request (WHIP): its authenticated subject, else its remote address.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Of(context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value, context.Connection.RemoteIpAddress);
    }

    private static string Of(string? subject, IPAddress? address)
    {
        if (subject is { Length: > 0 })
        {
            return "user:" + subject;
        }

        // An IPv4 client reached over a dual-stack socket counts the same as over IPv4.
        return "ip:" + (address is null ? "unknown" : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString());
    }
}
