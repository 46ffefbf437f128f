using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>
/// Writes the answer to a <see cref="VideoOffer"/> (RFC 8829 §5.3 as Chromium expects it): every offered
/// m-line answered in order (RFC 3264 §6), the chosen video one and the Opus audio one accepted and bundled, the others
/// refused with port 0; ICE-lite host candidates, passive DTLS, the chosen codec (VP8 or H.264) with NACK/PLI/FIR/REMB
/// feedback, Opus forwarded as it came.
/// </summary>
internal static class SdpAnswerBuilder
{
    private const string MediaStreamId = "portrait";
    private const string TrackId = "portrait-video";
    private const string AudioTrackId = "portrait-audio";

    /// <summary>Builds the answer text (CRLF line endings).</summary>
    public static string Build(VideoOffer offer, AnswerParameters ours)
    {
        var sdp = new StringBuilder();
        Line(sdp, $"v=0");
        Line(sdp, $"o=- {ours.SessionId} 2 IN IP4 127.0.0.1");
        Line(sdp, $"s=-");
        Line(sdp, $"t=0 0");
        // RFC 8843 §7.3.1: the answer's bundle lists the accepted mids; ours all share the one port.
        var mids = offer.Audio is { } audio
            ? (audio.SectionIndex < offer.VideoSectionIndex ? $"{audio.Mid} {offer.Mid}" : $"{offer.Mid} {audio.Mid}")
            : offer.Mid;
        Line(sdp, $"a=group:BUNDLE {mids}");
        // RFC 8445 §5.1.1 and RFC 8839 §5.3: a lite implementation says so at session level.
        Line(sdp, $"a=ice-lite");
        // RFC 8122 §5: at session level the fingerprint covers every m-section, the refused ones too; GStreamer's
        // webrtcbin refuses an answer with any m-section (even port 0) that no fingerprint covers.
        Line(sdp, $"a=fingerprint:{ours.Fingerprint}");
        Line(sdp, $"a=msid-semantic: WMS {MediaStreamId}");
        for (int i = 0; i < offer.Document.Media.Count; i++)
        {
            if (i == offer.VideoSectionIndex)
            {
                AppendVideo(sdp, offer, ours);
            }
            else if (i == offer.Audio?.SectionIndex)
            {
                AppendAudio(sdp, offer, offer.Audio, ours);
            }
            else
            {
                AppendRejected(sdp, offer.Document.Media[i]);
            }
        }

        return sdp.ToString();
    }

    private static void AppendVideo(StringBuilder sdp, VideoOffer offer, AnswerParameters ours)
    {
        byte pt = offer.Video.PayloadType;
        bool sending = AppendTransport(sdp, "video", pt, offer.Mid, offer.Direction, TrackId, offer, ours);
        if (offer.AbsSendTime is { } absSendTime)
        {
            Line(sdp, $"a=extmap:{absSendTime.ExtmapValue(Rtp.AbsoluteSendTime.Uri)}");
        }

        if (offer.PlayoutDelay is { } playoutDelay)
        {
            Line(sdp, $"a=extmap:{playoutDelay.ExtmapValue(Rtp.PlayoutDelay.Uri)}");
        }

        Line(sdp, $"a=rtpmap:{pt} {VideoPayloadFormat.EncodingName(offer.Video.Codec)}/90000");
        if (offer.Video.AnswerFormatParameters() is { } fmtp)
        {
            Line(sdp, $"a=fmtp:{pt} {fmtp}");
        }

        // RFC 4585 §4.2 and RFC 5104 §7.1: the feedback we act on.
        Line(sdp, $"a=rtcp-fb:{pt} goog-remb");
        Line(sdp, $"a=rtcp-fb:{pt} ccm fir");
        Line(sdp, $"a=rtcp-fb:{pt} nack");
        Line(sdp, $"a=rtcp-fb:{pt} nack pli");
        AppendSource(sdp, sending, ours.Ssrc, TrackId, ours);
        AppendCandidates(sdp, ours);
    }

    private static void AppendAudio(StringBuilder sdp, VideoOffer offer, AudioOffer audio, AnswerParameters ours)
    {
        byte pt = audio.PayloadType;
        bool sending = AppendTransport(sdp, "audio", pt, audio.Mid, audio.Direction, AudioTrackId, offer, ours);
        Line(sdp, $"a=rtpmap:{pt} {AudioOffer.RtpMap}");
        Line(sdp, $"a=fmtp:{pt} {AudioOffer.AnswerFormatParameters}");
        AppendSource(sdp, sending, ours.AudioSsrc, AudioTrackId, ours);
        AppendCandidates(sdp, ours);
    }

    /// <summary>
    /// The m= line and what every bundled section of ours repeats (RFC 8843 §7.1.3 lets them share one transport):
    /// address, ICE, DTLS, direction and rtcp-mux. True when we send on it.
    /// </summary>
    private static bool AppendTransport(StringBuilder sdp, string kind, byte pt, string mid, MediaDirection offered, string track,
        VideoOffer offer, AnswerParameters ours)
    {
        var primary = ours.Candidates.Count > 0 ? ours.Candidates[0] : new IPEndPoint(IPAddress.Loopback, 9);
        Line(sdp, $"m={kind} {primary.Port} UDP/TLS/RTP/SAVPF {pt}");
        Line(sdp, $"c=IN {AddressType(primary.Address)} {primary.Address}");
        Line(sdp, $"a=mid:{mid}");
        Line(sdp, $"a=ice-ufrag:{ours.Ice.Ufrag}");
        Line(sdp, $"a=ice-pwd:{ours.Ice.Password}");
        Line(sdp, $"a=fingerprint:{ours.Fingerprint}");
        // RFC 5763 §5: answering passive makes the browser the DTLS client and us the server.
        Line(sdp, $"a=setup:passive");
        var direction = MediaDirections.Answer(offered);
        bool sending = direction is MediaDirection.SendRecv or MediaDirection.SendOnly;
        Line(sdp, $"a={MediaDirections.Name(direction)}");
        if (sending)
        {
            // One stream id for video and audio: the browser plays them as one synchronised stream.
            Line(sdp, $"a=msid:{MediaStreamId} {track}");
        }

        Line(sdp, $"a=rtcp-mux");
        if (offer.ReducedSizeRtcp)
        {
            Line(sdp, $"a=rtcp-rsize");
        }

        return sending;
    }

    /// <summary>A recvonly answer names no track of ours (RFC 8830 §2: a=msid names a sent track); our SSRC only signs feedback.</summary>
    private static void AppendSource(StringBuilder sdp, bool sending, uint ssrc, string track, AnswerParameters ours)
    {
        if (sending)
        {
            Line(sdp, $"a=ssrc:{ssrc} cname:{ours.Cname}");
            Line(sdp, $"a=ssrc:{ssrc} msid:{MediaStreamId} {track}");
        }
    }

    private static void AppendCandidates(StringBuilder sdp, AnswerParameters ours)
    {
        for (int i = 0; i < ours.Candidates.Count; i++)
        {
            Line(sdp, Candidate(ours.Candidates[i], i));
        }

        Line(sdp, $"a=end-of-candidates");
    }

    private static void AppendRejected(StringBuilder sdp, SdpMediaSection section)
    {
        // RFC 3264 §6: a refused stream keeps its m-line with port 0 and at least one format.
        Line(sdp, $"m={section.Kind} 0 {section.Protocol} {section.Formats[0]}");
        Line(sdp, $"c=IN IP4 0.0.0.0");
        if (section.Attribute("mid") is { } mid)
        {
            Line(sdp, $"a=mid:{mid}");
        }

        Line(sdp, $"a=inactive");
    }

    /// <summary>
    /// RFC 8839 §5.1 candidate line with RFC 8445 §5.1.2.1 host priority:
    /// 2^24·126 + 2^8·local preference + (256 − component 1); earlier addresses get higher preference.
    /// </summary>
    private static string Candidate(IPEndPoint endPoint, int index)
    {
        uint priority = (126u << 24) | ((uint)(65535 - index) << 8) | 255u;
        return string.Create(CultureInfo.InvariantCulture,
            $"a=candidate:{index + 1} 1 udp {priority} {endPoint.Address} {endPoint.Port} typ host");
    }

    private static string AddressType(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";

    private static void Line(StringBuilder sdp, string line) => sdp.Append(line).Append("\r\n");
}
