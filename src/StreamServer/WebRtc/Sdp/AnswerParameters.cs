using System.Net;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Ice;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>Our side of the answer: ICE credentials, DTLS certificate fingerprint, host candidates, media identity.</summary>
internal sealed record AnswerParameters(
    IceCredentials Ice,
    DtlsFingerprint Fingerprint,
    IReadOnlyList<IPEndPoint> Candidates,
    uint Ssrc,
    string Cname,
    ulong SessionId);
