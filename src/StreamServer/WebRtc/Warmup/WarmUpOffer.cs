using System.Globalization;
using System.Text;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Warmup;

/// <summary>
/// The offer the warm-up answers, shaped like a browser's (RFC 8829 §5.2.1; JSEP's BUNDLE, rtcp-mux, actpass): VP8 and
/// mode-1 H.264 video with <paramref name="preferred"/> listed first, abs-send-time and playout-delay, and Opus audio, both flowing
/// <paramref name="direction"/>, so each codec and each way a session is offered (browser, WHIP, WHEP) is read and
/// answered once before the first real offer.
/// </summary>
internal static class WarmUpOffer
{
    public const byte Vp8PayloadType = 96, H264PayloadType = 102, OpusPayloadType = 111;

    private const byte AbsSendTimeId = 3, PlayoutDelayId = 5;

    public static string Compose(VideoCodec preferred, MediaDirection direction, IceCredentials ice, DtlsFingerprint fingerprint, uint ssrc)
    {
        byte[] video = preferred == VideoCodec.H264 ? [H264PayloadType, Vp8PayloadType] : [Vp8PayloadType, H264PayloadType];
        string flow = MediaDirections.Name(direction);
        var sdp = new StringBuilder()
            .Append("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n")
            .Append(CultureInfo.InvariantCulture, $"m=video 9 UDP/TLS/RTP/SAVPF {video[0]} {video[1]}\r\n");
        Transport(sdp, "0", flow, ice, fingerprint)
            .Append(CultureInfo.InvariantCulture, $"a=extmap:{AbsSendTimeId} {AbsoluteSendTime.Uri}\r\na=extmap:{PlayoutDelayId} {PlayoutDelay.Uri}\r\n")
            .Append("a=rtcp-rsize\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=rtpmap:{Vp8PayloadType} VP8/90000\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=rtcp-fb:{Vp8PayloadType} goog-remb\r\na=rtcp-fb:{Vp8PayloadType} nack\r\na=rtcp-fb:{Vp8PayloadType} nack pli\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=rtpmap:{H264PayloadType} H264/90000\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=rtcp-fb:{H264PayloadType} nack\r\na=rtcp-fb:{H264PayloadType} nack pli\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=fmtp:{H264PayloadType} level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=ssrc:{ssrc} cname:warm-up\r\n")
            .Append(CultureInfo.InvariantCulture, $"m=audio 9 UDP/TLS/RTP/SAVPF {OpusPayloadType}\r\n");
        return Transport(sdp, "1", flow, ice, fingerprint)
            .Append(CultureInfo.InvariantCulture, $"a=rtpmap:{OpusPayloadType} opus/48000/2\r\na=fmtp:{OpusPayloadType} minptime=10;useinbandfec=1\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=ssrc:{ssrc + 1} cname:warm-up\r\n")
            .ToString();
    }

    private static StringBuilder Transport(StringBuilder sdp, string mid, string flow, IceCredentials ice, DtlsFingerprint fingerprint) =>
        sdp.Append("c=IN IP4 0.0.0.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=ice-ufrag:{ice.Ufrag}\r\na=ice-pwd:{ice.Password}\r\na=fingerprint:{fingerprint}\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=setup:actpass\r\na=mid:{mid}\r\na={flow}\r\na=rtcp-mux\r\n");
}
