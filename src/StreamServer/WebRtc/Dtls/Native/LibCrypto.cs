using System.Runtime.InteropServices;

namespace PortraitStream.Server.WebRtc.Dtls.Native;

/// <summary>
/// The libcrypto.so.3 entry points the DTLS layer needs: key generation, X.509 building, digests, memory BIOs and
/// the error queue. Signatures follow the OpenSSL 3.0 man pages (EVP_PKEY_CTX_new(3), X509_new(3), BIO_s_mem(3),
/// ERR_get_error(3)); pointers to OpenSSL objects stay <see cref="IntPtr"/> and are owned by <see cref="OpenSslHandle"/>s.
/// </summary>
internal static partial class LibCrypto
{
    private const string Lib = "libcrypto.so.3";

    /// <summary>MBSTRING_ASC from asn1.h: the name entry's bytes are plain ASCII.</summary>
    public const int MbstringAsc = 0x1001;

    /// <summary>X509_VERSION_3 from x509.h (the version field is zero-based).</summary>
    public const int X509Version3 = 2;

    /// <summary>X509_V_ERR_APPLICATION_VERIFICATION from x509_vfy.h: the application refused the certificate.</summary>
    public const int X509ErrApplicationVerification = 50;

    // Error queue (ERR_get_error(3)).
    [LibraryImport(Lib)] public static partial nuint ERR_get_error();
    [LibraryImport(Lib)] public static partial void ERR_clear_error();
    [LibraryImport(Lib)] public static unsafe partial void ERR_error_string_n(nuint e, byte* buf, nuint len);

    // Key generation without the variadic EVP_PKEY_Q_keygen / EVP_EC_gen, which P/Invoke cannot call portably.
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr EVP_PKEY_CTX_new_from_name(IntPtr libctx, string name, IntPtr propquery);
    [LibraryImport(Lib)] public static partial int EVP_PKEY_keygen_init(IntPtr ctx);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int EVP_PKEY_CTX_set_group_name(IntPtr ctx, string name);
    [LibraryImport(Lib)] public static partial int EVP_PKEY_generate(IntPtr ctx, out IntPtr pkey);
    [LibraryImport(Lib)] public static partial void EVP_PKEY_CTX_free(IntPtr ctx);
    [LibraryImport(Lib)] public static partial void EVP_PKEY_free(IntPtr pkey);

    // Digests: EVP_MD objects returned by these are static and never freed.
    [LibraryImport(Lib)] public static partial IntPtr EVP_sha256();
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr EVP_get_digestbyname(string name);

    // X.509 certificate building (X509_new(3), X509_sign(3), X509_digest(3)).
    [LibraryImport(Lib)] public static partial IntPtr X509_new();
    [LibraryImport(Lib)] public static partial void X509_free(IntPtr x509);
    [LibraryImport(Lib)] public static partial int X509_set_version(IntPtr x509, nint version);
    [LibraryImport(Lib)] public static partial IntPtr X509_get_serialNumber(IntPtr x509);
    [LibraryImport(Lib)] public static partial int ASN1_INTEGER_set_uint64(IntPtr asn1Integer, ulong value);
    [LibraryImport(Lib)] public static partial IntPtr X509_getm_notBefore(IntPtr x509);
    [LibraryImport(Lib)] public static partial IntPtr X509_getm_notAfter(IntPtr x509);
    [LibraryImport(Lib)] public static partial IntPtr X509_gmtime_adj(IntPtr asn1Time, nint offsetSeconds);
    [LibraryImport(Lib)] public static partial int X509_set_pubkey(IntPtr x509, IntPtr pkey);
    [LibraryImport(Lib)] public static partial IntPtr X509_get_subject_name(IntPtr x509);
    [LibraryImport(Lib)] public static partial int X509_set_issuer_name(IntPtr x509, IntPtr name);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int X509_NAME_add_entry_by_txt(IntPtr name, string field, int type, string bytes, int len, int loc, int set);
    [LibraryImport(Lib)] public static partial int X509_sign(IntPtr x509, IntPtr pkey, IntPtr md);
    [LibraryImport(Lib)] public static unsafe partial int X509_digest(IntPtr x509, IntPtr md, byte* digest, out uint length);

    // Verification context accessors used inside the verify callback (X509_STORE_CTX_get_error(3)).
    [LibraryImport(Lib)] public static partial int X509_STORE_CTX_get_error_depth(IntPtr storeCtx);
    [LibraryImport(Lib)] public static partial IntPtr X509_STORE_CTX_get_current_cert(IntPtr storeCtx);
    [LibraryImport(Lib)] public static partial IntPtr X509_STORE_CTX_get_ex_data(IntPtr storeCtx, int index);
    [LibraryImport(Lib)] public static partial void X509_STORE_CTX_set_error(IntPtr storeCtx, int error);

    // Memory BIOs (BIO_s_mem(3)): the datagram transport is ours, so OpenSSL only ever sees byte buffers.
    [LibraryImport(Lib)] public static partial IntPtr BIO_s_mem();
    [LibraryImport(Lib)] public static partial IntPtr BIO_new(IntPtr method);
    [LibraryImport(Lib)] public static partial int BIO_free(IntPtr bio);
    [LibraryImport(Lib)] public static unsafe partial int BIO_write(IntPtr bio, byte* data, int length);
    [LibraryImport(Lib)] public static unsafe partial int BIO_read(IntPtr bio, byte* data, int length);
    [LibraryImport(Lib)] public static partial nuint BIO_ctrl_pending(IntPtr bio);
}
