using System.ComponentModel.DataAnnotations;
using PortraitStream.Server.WebRtc.Faults;

namespace PortraitStream.Server.WebRtc;

/// <summary>The media edge's settings, bound from the "WebRtc" configuration section.</summary>
internal sealed class WebRtcOptions
{
    /// <summary>Lowest UDP port a peer connection may bind; 0 with <see cref="PortMax"/> 0 lets the OS pick.</summary>
    [Range(0, 65535)]
    public int PortMin { get; set; }

    /// <summary>Highest UDP port a peer connection may bind.</summary>
    [Range(0, 65535)]
    public int PortMax { get; set; }

    /// <summary>
    /// IPv4 addresses announced as host candidates, in order of preference (the socket binds all
    /// interfaces). Empty, the default: every interface's IPv4 address, then loopback.
    /// </summary>
    public string[] AnnouncedAddresses { get; set; } = [];

    /// <summary>Peer connections served at once; further offers are refused.</summary>
    [Range(1, 10_000)]
    public int MaxSessions { get; set; } = 16;

    /// <summary>
    /// Sessions one client may hold at once, so one client cannot take every slot. A client is its remote IP address
    /// (every tab and script on one machine, or behind one NAT, counts together), or the JWT's subject for a client
    /// authenticated by one (Auth:Jwt; the shared Auth:Token names no subject).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxSessionsPerClient { get; set; } = 4;

    /// <summary>Offers one SignalR connection may send per minute (each binds a port and starts DTLS).</summary>
    [Range(1, 600)]
    public int MaxOffersPerMinute { get; set; } = 30;

    /// <summary>Largest datagram we send (DTLS records and RTP packets): 1200 fits every WebRTC path.</summary>
    [Range(576, 1500)]
    public int Mtu { get; set; } = 1200;

    /// <summary>Bitrate the encoder starts at, in bits per second, until REMB says otherwise.</summary>
    [Range(50_000, 50_000_000)]
    public int InitialBitrate { get; set; } = 800_000;

    /// <summary>Lowest bitrate REMB may push the encoder to.</summary>
    [Range(30_000, 50_000_000)]
    public int MinBitrate { get; set; } = 150_000;

    /// <summary>Highest bitrate the encoder is allowed.</summary>
    [Range(50_000, 50_000_000)]
    public int MaxBitrate { get; set; } = 2_500_000;

    /// <summary>TEST ONLY: injected loss, reordering and duplication ("WebRtc:FaultInjection"); off unless enabled.</summary>
    public FaultInjectionOptions FaultInjection { get; set; } = new();
}
