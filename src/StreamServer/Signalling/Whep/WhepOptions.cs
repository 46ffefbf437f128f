using System.ComponentModel.DataAnnotations;

namespace PortraitStream.Server.Signalling.Whep;

/// <summary>
/// The WHEP endpoint's settings, bound from the "Whep" configuration section. The offer size limit and the ICE
/// servers are WHIP's (<c>Whip:MaxOfferBytes</c>, <c>Whip:IceServers</c>): one SDP exchange, one set of limits.
/// </summary>
internal sealed class WhepOptions
{
    public const string Section = "Whep";

    /// <summary>
    /// Most viewers on one session; one more gets 503. Each viewer is a UDP socket, a DTLS session and one
    /// packetization of every frame (the encode is shared per codec), so the limit bounds what one session costs.
    /// </summary>
    [Range(1, 256)]
    public int MaxViewersPerSession { get; set; } = 16;
}
