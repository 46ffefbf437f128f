using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// The default for ASP.NET Core's <c>AllowedHosts</c> when none is configured. Checking the Host header is what stops
/// DNS rebinding: a page on evil.example whose name now resolves to this server still sends
/// <c>Host: evil.example</c>. Bound to loopback only, the server answers to loopback names; bound to a wildcard
/// address, also to this machine's name and interface addresses. Serving under a DNS name means listing it.
/// </summary>
internal static class LoopbackHosts
{
    public static readonly string[] Names = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Hosts to accept for the server's <paramref name="urls"/> (";"-separated, as in configuration).</summary>
    public static string[] For(string? urls)
    {
        var hosts = new HashSet<string>(Names, StringComparer.OrdinalIgnoreCase);
        foreach (var url in (urls ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = HostOf(url);
            if (host is "*" or "+" or "0.0.0.0" or "[::]")
            {
                hosts.Add(Dns.GetHostName());
                foreach (var address in InterfaceAddresses())
                {
                    hosts.Add(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
                }
            }
            else if (host.Length > 0)
            {
                hosts.Add(host);
            }
        }
        return [.. hosts];
    }

    /// <summary>The host part of a Kestrel URL, which may be "*" or "+" (not valid URIs, so parsed by hand).</summary>
    public static string HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        return end <= 0 ? rest : rest[..end];
    }

    /// <summary>
    /// Whether Kestrel binds <paramref name="host"/> to loopback only: "localhost" and loopback addresses. Any other
    /// name, like "*", "+" and wildcard addresses, makes Kestrel listen on every interface.
    /// </summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static IEnumerable<IPAddress> InterfaceAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !a.IsIPv6LinkLocal);
}
