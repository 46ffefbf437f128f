using PortraitStream.Server.WebRtc.Dtls.Native;

namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// One per server start: the self-signed certificate and an OpenSSL SSL_CTX configured for WebRTC's DTLS-SRTP,
/// from which every peer connection's <see cref="DtlsEndpoint"/> is made. Thread-safe for <see cref="CreateEndpoint"/>.
/// </summary>
internal sealed class DtlsContext : IDisposable
{
    /// <summary>
    /// ECDHE with ECDSA (our certificate's key type) and AEAD ciphers only: RFC 8827 §6.5 requires forward secrecy and
    /// names TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, which browsers offer.
    /// </summary>
    private const string CipherList = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305";

    private readonly SafeSslCtxHandle _ctx;

    public DtlsContext(DtlsOptions? options = null)
    {
        Options = options ?? new DtlsOptions();
        Options.Validate();
        Certificate = DtlsCertificate.CreateSelfSigned(Options.CertificateCommonName, Options.CertificateValidity);
        try
        {
            _ctx = CreateSslContext(Certificate, Options);
        }
        catch
        {
            Certificate.Dispose();
            throw;
        }
    }

    public DtlsOptions Options { get; }

    public DtlsCertificate Certificate { get; }

    /// <summary>The value for the answer's <c>a=fingerprint</c> (sha-256).</summary>
    public DtlsFingerprint LocalFingerprint => Certificate.Fingerprint;

    /// <summary>
    /// A new endpoint for one peer connection. <paramref name="remoteFingerprint"/> comes from the peer's SDP; the
    /// handshake fails unless the peer's certificate matches it.
    /// </summary>
    public DtlsEndpoint CreateEndpoint(DtlsRole role, DtlsFingerprint remoteFingerprint)
    {
        ArgumentNullException.ThrowIfNull(remoteFingerprint);
        return new DtlsEndpoint(_ctx, role, new DtlsPeerPolicy(remoteFingerprint, Options.InitialRetransmitTimeout), Options.Mtu);
    }

    public void Dispose()
    {
        // Endpoints hold their own reference on the SSL_CTX (SSL_new(3) takes one), so order does not matter.
        _ctx.Dispose();
        Certificate.Dispose();
    }

    private static unsafe SafeSslCtxHandle CreateSslContext(DtlsCertificate certificate, DtlsOptions options)
    {
        OpenSslError.Clear();
        var handle = new SafeSslCtxHandle(OpenSslError.NotNull(LibSsl.SSL_CTX_new(LibSsl.DTLS_method()), "SSL_CTX_new"));
        try
        {
            var ctx = handle.DangerousGetHandle();
            // DTLS 1.0 is deprecated for WebRTC (RFC 8827 §6.5 requires DTLS 1.2 or later).
            OpenSslError.ThrowIf(LibSsl.SSL_CTX_ctrl(ctx, LibSsl.SslCtrlSetMinProtoVersion, LibSsl.Dtls12Version, IntPtr.Zero) != 1, "SSL_CTX_set_min_proto_version");
            OpenSslError.ThrowIf(LibSsl.SSL_CTX_set_cipher_list(ctx, CipherList) != 1, "SSL_CTX_set_cipher_list");
            OpenSslError.ThrowIf(LibSsl.SSL_CTX_use_certificate(ctx, certificate.Certificate.DangerousGetHandle()) != 1, "SSL_CTX_use_certificate");
            OpenSslError.ThrowIf(LibSsl.SSL_CTX_use_PrivateKey(ctx, certificate.PrivateKey.DangerousGetHandle()) != 1, "SSL_CTX_use_PrivateKey");
            OpenSslError.ThrowIf(LibSsl.SSL_CTX_check_private_key(ctx) != 1, "SSL_CTX_check_private_key");

            // Both sides must present a certificate: the server asks for the client's (RFC 5763 §5).
            LibSsl.SSL_CTX_set_verify(ctx, LibSsl.SslVerifyPeer | LibSsl.SslVerifyFailIfNoPeerCert, DtlsCallbacks.Verify);

            // No resumption: an abbreviated handshake carries no certificate, and every connection must prove its
            // fingerprint afresh. No renegotiation either: SRTP keys are exported once, after the one handshake.
            LibSsl.SSL_CTX_ctrl(ctx, LibSsl.SslCtrlSetSessCacheMode, LibSsl.SslSessCacheOff, IntPtr.Zero);
            LibSsl.SSL_CTX_set_options(ctx, LibSsl.SslOpNoTicket | LibSsl.SslOpNoRenegotiation | LibSsl.SslOpNoQueryMtu);

            var profiles = string.Join(':', options.SrtpProfiles.Select(p => p.OpenSslName()));
            OpenSslError.ThrowIf(LibSsl.SSL_CTX_set_tlsext_use_srtp(ctx, profiles) != 0, "SSL_CTX_set_tlsext_use_srtp");
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
