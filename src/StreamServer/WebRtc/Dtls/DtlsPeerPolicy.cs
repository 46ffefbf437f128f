namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>What the OpenSSL callbacks of one endpoint need, reached through the SSL's app data.</summary>
internal sealed class DtlsPeerPolicy(DtlsFingerprint expectedFingerprint, TimeSpan initialRetransmitTimeout)
{
    public DtlsFingerprint ExpectedFingerprint { get; } = expectedFingerprint;

    public uint InitialRetransmitTimeoutMicroseconds { get; } = (uint)(initialRetransmitTimeout.Ticks / 10);

    /// <summary>Set by the verify callback when the peer's certificate was refused, to explain the failure.</summary>
    public bool FingerprintRejected { get; set; }

    public bool Matches(IntPtr x509) => DtlsFingerprint.Of(x509, ExpectedFingerprint.Algorithm).Equals(ExpectedFingerprint);
}
