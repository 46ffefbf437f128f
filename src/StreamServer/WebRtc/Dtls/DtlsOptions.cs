namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>Settings shared by every DTLS endpoint of one server (bound from the "Dtls" configuration section).</summary>
internal sealed class DtlsOptions
{
    /// <summary>
    /// SRTP profiles offered, in the server's order of preference: OpenSSL's server picks the first one of these the
    /// client also offers. Only list profiles the SRTP layer implements: the default is AES-CM/HMAC-SHA1-80, which every
    /// browser offers and our SRTP contexts implement; add <see cref="SrtpProtectionProfile.AeadAes128Gcm"/> once an
    /// RFC 7714 context exists.
    /// </summary>
    public IReadOnlyList<SrtpProtectionProfile> SrtpProfiles { get; init; } = [SrtpProtectionProfile.Aes128CmHmacSha1Tag80];

    /// <summary>
    /// Largest datagram DTLS may send. 1200 bytes fits every path WebRTC cares about (IPv6 minimum MTU less tunnels),
    /// and OpenSSL fragments handshake messages to it (RFC 6347 §4.1.1.1).
    /// </summary>
    public int Mtu { get; init; } = 1200;

    /// <summary>First retransmission timeout; doubled on each expiry up to 60 s (RFC 6347 §4.2.4.1 recommends 1 s).</summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Validity of the per-start self-signed certificate.</summary>
    public TimeSpan CertificateValidity { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Subject and issuer common name of the certificate; peers only look at its fingerprint.</summary>
    public string CertificateCommonName { get; init; } = "PortraitStream";

    internal void Validate()
    {
        if (SrtpProfiles.Count == 0)
        {
            throw new ArgumentException("at least one SRTP profile is required", nameof(SrtpProfiles));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(Mtu, 256, nameof(Mtu));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Mtu, 65507, nameof(Mtu));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialRetransmitTimeout, TimeSpan.FromMilliseconds(1), nameof(InitialRetransmitTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InitialRetransmitTimeout, TimeSpan.FromSeconds(60), nameof(InitialRetransmitTimeout));
    }
}
