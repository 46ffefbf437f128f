using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// The addresses announced as host candidates (RFC 8445 §5.1.1.1): the configured ones, or by default
/// every IPv4 address of the machine's interfaces that are up, then loopback. Browsers pair their own
/// interface addresses with ours; Chromium gathers no loopback candidate of its own, so loopback alone
/// would not do even on the same machine.
/// </summary>
internal static class HostCandidateAddresses
{
    /// <summary>The addresses to announce, in order of preference; IPv4 only (the socket binds IPv4).</summary>
    public static IReadOnlyList<IPAddress> Resolve(IReadOnlyList<string> configured)
    {
        if (configured.Count > 0)
        {
            return configured.Select(IPAddress.Parse).ToArray();
        }

        var interfaces = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return interfaces.Append(IPAddress.Loopback).Distinct().ToArray();
    }
}
