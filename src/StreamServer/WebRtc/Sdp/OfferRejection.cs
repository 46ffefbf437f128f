namespace PortraitStream.Server.WebRtc.Sdp;

// Public, unlike the rest of the server: test theories take it as a parameter, and xunit runs public methods only.
/// <summary>Why an offer cannot be answered.</summary>
public enum OfferRejectionReason
{
    /// <summary>Not parseable as SDP.</summary>
    Malformed,
    /// <summary>No video m-line.</summary>
    NoVideo,
    /// <summary>A video m-line, but neither VP8 nor H.264 in packetization mode 1 among its payload types.</summary>
    NoSupportedCodec,
    /// <summary>a=ice-ufrag or a=ice-pwd missing.</summary>
    MissingIceCredentials,
    /// <summary>No sha-256 a=fingerprint for DTLS.</summary>
    MissingFingerprint,
    /// <summary>a=setup that lets us be the DTLS server is missing (we answer passive).</summary>
    UnsupportedSetup,
    /// <summary>RTP and RTCP on separate ports (we only do rtcp-mux on one bundled port).</summary>
    NoRtcpMux,
    /// <summary>A mid, rid, ice-ufrag or ice-pwd outside its grammar or length (<see cref="SdpTokens"/>).</summary>
    InvalidIdentifier,
}

/// <summary>A typed refusal of an offer, with a message fit to show the browser's developer.</summary>
internal sealed record OfferRejection(OfferRejectionReason Reason, string Message);
