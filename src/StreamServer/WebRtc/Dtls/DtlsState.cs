namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>Lifecycle of a <see cref="DtlsEndpoint"/>; Failed and Closed are final.</summary>
internal enum DtlsState
{
    /// <summary>Created; a client has not sent its ClientHello yet.</summary>
    New,

    /// <summary>Flights are being exchanged.</summary>
    Handshaking,

    /// <summary>Handshake done, peer fingerprint verified, SRTP keys available.</summary>
    Connected,

    /// <summary>Handshake or record layer failed; <see cref="DtlsEndpoint.FailureReason"/> says why.</summary>
    Failed,

    /// <summary>Closed by either side (close_notify) or disposed.</summary>
    Closed,
}
