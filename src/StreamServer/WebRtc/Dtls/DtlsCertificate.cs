using System.Security.Cryptography;
using PortraitStream.Server.WebRtc.Dtls.Native;

namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// A fresh self-signed ECDSA P-256 certificate, made once per server start. WebRTC peers authenticate each other by
/// the certificate fingerprint exchanged in SDP, not by a CA chain (RFC 8827 §6.5), so the subject is a placeholder
/// and the validity short; ECDSA P-256 with SHA-256 is what browsers generate for themselves.
/// </summary>
internal sealed class DtlsCertificate : IDisposable
{
    /// <summary>Back-dating of notBefore, so a peer whose clock runs a little behind still accepts the certificate.</summary>
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromHours(1);

    private DtlsCertificate(SafeEvpPkeyHandle privateKey, SafeX509Handle certificate)
    {
        PrivateKey = privateKey;
        Certificate = certificate;
        Fingerprint = DtlsFingerprint.Of(certificate.DangerousGetHandle(), "sha-256");
    }

    /// <summary>The SHA-256 fingerprint to announce in the answer's <c>a=fingerprint</c>.</summary>
    public DtlsFingerprint Fingerprint { get; }

    internal SafeEvpPkeyHandle PrivateKey { get; }

    internal SafeX509Handle Certificate { get; }

    /// <summary>Generates the key pair and signs the certificate.</summary>
    /// <param name="commonName">Subject and issuer CN; peers ignore it.</param>
    /// <param name="validity">How long from now the certificate stays valid (Chromium uses 30 days).</param>
    public static DtlsCertificate CreateSelfSigned(string commonName, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        OpenSslError.Clear();
        var key = GenerateP256Key();
        try
        {
            return new DtlsCertificate(key, SignCertificate(key, commonName, validity));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Certificate.Dispose();
        PrivateKey.Dispose();
    }

    private static SafeEvpPkeyHandle GenerateP256Key()
    {
        // EVP_PKEY_CTX_new_from_name(3) + EVP_PKEY_CTX_set_group_name(3): the non-variadic equivalent of EVP_EC_gen.
        var ctx = OpenSslError.NotNull(LibCrypto.EVP_PKEY_CTX_new_from_name(IntPtr.Zero, "EC", IntPtr.Zero), "EVP_PKEY_CTX_new_from_name");
        try
        {
            OpenSslError.ThrowIf(LibCrypto.EVP_PKEY_keygen_init(ctx) != 1, "EVP_PKEY_keygen_init");
            OpenSslError.ThrowIf(LibCrypto.EVP_PKEY_CTX_set_group_name(ctx, "P-256") != 1, "EVP_PKEY_CTX_set_group_name");
            OpenSslError.ThrowIf(LibCrypto.EVP_PKEY_generate(ctx, out var pkey) != 1, "EVP_PKEY_generate");
            return new SafeEvpPkeyHandle(pkey);
        }
        finally
        {
            LibCrypto.EVP_PKEY_CTX_free(ctx);
        }
    }

    private static SafeX509Handle SignCertificate(SafeEvpPkeyHandle key, string commonName, TimeSpan validity)
    {
        var certificate = new SafeX509Handle(OpenSslError.NotNull(LibCrypto.X509_new(), "X509_new"));
        try
        {
            var x509 = certificate.DangerousGetHandle();
            OpenSslError.ThrowIf(LibCrypto.X509_set_version(x509, LibCrypto.X509Version3) != 1, "X509_set_version");
            OpenSslError.ThrowIf(LibCrypto.ASN1_INTEGER_set_uint64(LibCrypto.X509_get_serialNumber(x509), RandomSerial()) != 1, "ASN1_INTEGER_set_uint64");
            OpenSslError.NotNull(LibCrypto.X509_gmtime_adj(LibCrypto.X509_getm_notBefore(x509), -(nint)ClockSkewAllowance.TotalSeconds), "X509_gmtime_adj");
            OpenSslError.NotNull(LibCrypto.X509_gmtime_adj(LibCrypto.X509_getm_notAfter(x509), (nint)validity.TotalSeconds), "X509_gmtime_adj");
            OpenSslError.ThrowIf(LibCrypto.X509_set_pubkey(x509, key.DangerousGetHandle()) != 1, "X509_set_pubkey");
            var name = LibCrypto.X509_get_subject_name(x509);
            OpenSslError.ThrowIf(LibCrypto.X509_NAME_add_entry_by_txt(name, "CN", LibCrypto.MbstringAsc, commonName, -1, -1, 0) != 1, "X509_NAME_add_entry_by_txt");
            OpenSslError.ThrowIf(LibCrypto.X509_set_issuer_name(x509, name) != 1, "X509_set_issuer_name");
            OpenSslError.ThrowIf(LibCrypto.X509_sign(x509, key.DangerousGetHandle(), LibCrypto.EVP_sha256()) <= 0, "X509_sign");
            return certificate;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>A random positive serial of 63 bits: unique per certificate, as RFC 5280 §4.1.2.2 asks.</summary>
    private static ulong RandomSerial()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return Math.Max(1, BitConverter.ToUInt64(bytes) >> 1);
    }
}
