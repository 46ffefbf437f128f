using System.Globalization;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>
/// What we take from a browser's (or WHIP publisher's) offer to answer it: the video section, its transport parameters
/// and which way its video flows, and the Opus audio section bundled with it, if any.
/// </summary>
internal sealed record VideoOffer(
    SdpDocument Document,
    int VideoSectionIndex,
    string Mid,
    VideoCodecChoice Video,
    string IceUfrag,
    string IcePassword,
    DtlsFingerprint Fingerprint,
    bool ReducedSizeRtcp,
    SentExtension? AbsSendTime,
    MediaDirection Direction)
{
    /// <summary>The Opus section we answer, or null when the offer has none we can take (its m-line is then refused).</summary>
    public AudioOffer? Audio { get; init; }

    /// <summary>
    /// The playout-delay extension (<see cref="Rtp.PlayoutDelay"/>) where the video section lets us send it under an id of
    /// its own; null otherwise.
    /// </summary>
    public SentExtension? PlayoutDelay { get; init; }

    /// <summary>
    /// Picks the first video section offering a codec we speak (<see cref="VideoCodecChoice.Find"/>) and checks it can run over our single bundled,
    /// rtcp-muxed DTLS-SRTP port with us as DTLS server; otherwise says why not.
    /// </summary>
    public static bool TryRead(string? sdp, out VideoOffer offer, out OfferRejection rejection)
    {
        offer = null!;
        rejection = null!;
        if (!SdpParser.TryParse(sdp, out var document, out var error))
        {
            rejection = new(OfferRejectionReason.Malformed, $"The offer is not valid SDP: {error}.");
            return false;
        }

        var videoIndices = Enumerable.Range(0, document.Media.Count)
            .Where(i => document.Media[i].Kind == "video" && document.IsOffered(document.Media[i])).ToList();
        if (videoIndices.Count == 0)
        {
            rejection = new(OfferRejectionReason.NoVideo, "The offer has no video m-line; add a video transceiver.");
            return false;
        }

        foreach (int index in videoIndices)
        {
            var section = document.Media[index];
            if (VideoCodecChoice.Find(section) is not { } video)
            {
                continue;
            }

            return TryCheckTransport(document, section, out rejection)
                && TryBuild(document, index, section, video, out offer, out rejection);
        }

        rejection = new(OfferRejectionReason.NoSupportedCodec,
            "The offer's video includes neither VP8/90000 nor H264/90000 with packetization-mode=1, the codecs this server speaks.");
        return false;
    }

    /// <summary>Every section's mid and rids are copied into the answer, so every one is checked, not just video's.</summary>
    private static string? FindBadIdentifier(SdpDocument document)
    {
        foreach (var section in document.Media)
        {
            if (section.Attribute("mid") is { } mid && !SdpTokens.IsMid(mid))
            {
                return $"a=mid must be 1–{SdpTokens.MaxIdentifierLength} SDP token characters (RFC 5888 §4); got \"{ClientText.Printable(mid)}\".";
            }

            foreach (var rid in section.Attributes("rid"))
            {
                var id = rid.Split(' ', 2)[0];
                if (!SdpTokens.IsRid(id))
                {
                    return $"a=rid's id must be 1–{SdpTokens.MaxIdentifierLength} of A–Z a–z 0–9 - _ (RFC 8851 §10); got \"{ClientText.Printable(id)}\".";
                }
            }
        }

        return null;
    }

    private static bool TryCheckTransport(SdpDocument document, SdpMediaSection section, out OfferRejection rejection)
    {
        rejection = null!;
        if (!section.HasAttribute("rtcp-mux"))
        {
            rejection = new(OfferRejectionReason.NoRtcpMux, "The offer does not allow a=rtcp-mux; this server needs RTP and RTCP on one port.");
            return false;
        }

        // RFC 5763 §5: the offerer says actpass (or active); we answer passive and act as DTLS server.
        var setup = section.Attribute("setup") ?? document.SessionAttribute("setup");
        if (setup is not ("actpass" or "active"))
        {
            rejection = new(OfferRejectionReason.UnsupportedSetup, $"a=setup:{setup ?? "(none)"} leaves no DTLS client role to the browser; offer actpass or active.");
            return false;
        }

        return true;
    }

    private static bool TryBuild(SdpDocument document, int index, SdpMediaSection section, VideoCodecChoice video, out VideoOffer offer, out OfferRejection rejection)
    {
        offer = null!;
        rejection = null!;
        var ufrag = section.Attribute("ice-ufrag") ?? document.SessionAttribute("ice-ufrag");
        var pwd = section.Attribute("ice-pwd") ?? document.SessionAttribute("ice-pwd");
        if (string.IsNullOrEmpty(ufrag) || string.IsNullOrEmpty(pwd))
        {
            rejection = new(OfferRejectionReason.MissingIceCredentials, "The offer has no a=ice-ufrag / a=ice-pwd.");
            return false;
        }

        if (!SdpTokens.IsIceUfrag(ufrag) || !SdpTokens.IsIcePassword(pwd))
        {
            rejection = new(OfferRejectionReason.InvalidIdentifier,
                "a=ice-ufrag must be 4–256 and a=ice-pwd 22–256 of the characters A–Z a–z 0–9 + / (RFC 8839 §5.4).");
            return false;
        }

        if (FindBadIdentifier(document) is { } bad)
        {
            rejection = new(OfferRejectionReason.InvalidIdentifier, bad);
            return false;
        }

        var fingerprint = section.Attributes("fingerprint").Concat(document.SessionLines.Where(l => l.Type == 'a')
                .Select(l => l.Attribute).Where(a => a.Name == "fingerprint").Select(a => a.Value))
            .Select(v => DtlsFingerprint.TryParse(v, out var f) ? f : null)
            .FirstOrDefault(f => f is not null && f.Algorithm == "sha-256" && f.Digest.Length == 32);
        if (fingerprint is null)
        {
            rejection = new(OfferRejectionReason.MissingFingerprint, "The offer has no a=fingerprint:sha-256 for DTLS.");
            return false;
        }

        var mid = section.Attribute("mid") ?? index.ToString(CultureInfo.InvariantCulture);
        // Bundled streams are told apart by payload type (RFC 8843 §9.2), so audio on video's payload type is refused.
        var audio = AudioOffer.Find(document, mid) is { } opus && opus.PayloadType != video.PayloadType ? opus : null;
        var absSendTime = SentExtension.Find(section, Rtp.AbsoluteSendTime.Uri);
        // One id, one extension (RFC 8285 §5): an offer giving both the same id has playout-delay passed over.
        var playoutDelay = SentExtension.Find(section, Rtp.PlayoutDelay.Uri) is { } delay && delay.Id != absSendTime?.Id ? delay : (SentExtension?)null;
        offer = new VideoOffer(document, index, mid,
            video, ufrag, pwd, fingerprint, section.HasAttribute("rtcp-rsize"), absSendTime,
            MediaDirections.Of(document, section)) { Audio = audio, PlayoutDelay = playoutDelay };
        return true;
    }
}
