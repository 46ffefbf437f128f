using System.Net;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Ice;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>
/// Our side of the answer: ICE credentials, DTLS certificate fingerprint, host candidates, media identity (our video's
/// SSRC and, when audio is answered, our audio's: a different one, RFC 3550 §8.1).
/// </summary>
internal sealed record AnswerParameters(
    IceCredentials Ice,
    DtlsFingerprint Fingerprint,
    IReadOnlyList<IPEndPoint> Candidates,
    uint Ssrc,
    string Cname,
    ulong SessionId,
    uint AudioSsrc = 0);
