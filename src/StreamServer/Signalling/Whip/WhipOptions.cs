using System.ComponentModel.DataAnnotations;

namespace PortraitStream.Server.Signalling.Whip;

/// <summary>The WHIP endpoint's settings, bound from the "Whip" configuration section.</summary>
internal sealed class WhipOptions
{
    public const string Section = "Whip";

    /// <summary>
    /// STUN/TURN URLs (RFC 7064/7065, e.g. <c>stun:stun.example.net</c>) a publisher should use, each sent back as a
    /// <c>Link: &lt;url&gt;; rel="ice-server"</c> header on the 201 (RFC 9725 §4.6). Empty by default: we are ICE-lite
    /// with host candidates, so a publisher that can reach our address needs none. TURN credentials are not supported.
    /// </summary>
    [Required]
    public string[] IceServers { get; set; } = [];

    /// <summary>Largest offer accepted, in bytes (a browser's is about 6 KB); larger gets 413.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxOfferBytes { get; set; } = 64 * 1024;
}
