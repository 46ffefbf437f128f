using Microsoft.AspNetCore.SignalR;

namespace PortraitStream.Server.Signalling;

/// <summary>Whose quota a hub call counts against: the authenticated subject when there is one, else the remote address.</summary>
internal static class ClientKey
{
    public static string Of(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserIdentifier is { Length: > 0 } subject)
        {
            return "user:" + subject;
        }
        var address = context.GetHttpContext()?.Connection.RemoteIpAddress;
        // An IPv4 client reached over a dual-stack socket counts the same as over IPv4.
        return "ip:" + (address is null ? "unknown" : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString());
    }
}
