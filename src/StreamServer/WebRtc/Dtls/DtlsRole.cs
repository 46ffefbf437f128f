namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// Which side of the DTLS handshake an endpoint plays. The server answers with <c>a=setup:passive</c>, so it is the
/// DTLS server (RFC 5763 §5); the client role exists for in-process tests and tools.
/// </summary>
internal enum DtlsRole
{
    Server,
    Client,
}
