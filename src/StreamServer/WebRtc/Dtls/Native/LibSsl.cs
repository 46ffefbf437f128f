using System.Runtime.InteropServices;

namespace PortraitStream.Server.WebRtc.Dtls.Native;

/// <summary>
/// The libssl.so.3 entry points for a DTLS 1.2 endpoint over memory BIOs. Several OpenSSL "functions" are macros
/// over <c>SSL_ctrl</c>/<c>SSL_CTX_ctrl</c>; their control numbers below come from ssl.h of OpenSSL 3.0.
/// </summary>
internal static partial class LibSsl
{
    private const string Lib = "libssl.so.3";

    public const int SslErrorWantRead = 2;
    public const int SslErrorWantWrite = 3;
    public const int SslErrorZeroReturn = 6;

    /// <summary>SSL_RECEIVED_SHUTDOWN (SSL_get_shutdown(3)): the peer's close_notify or fatal alert was read.</summary>
    public const int SslReceivedShutdown = 2;

    public const int SslVerifyPeer = 0x01;
    public const int SslVerifyFailIfNoPeerCert = 0x02;

    /// <summary>SSL_OP_NO_QUERY_MTU: a memory BIO has no path MTU to ask, so the MTU is set explicitly.</summary>
    public const ulong SslOpNoQueryMtu = 1UL << 12;
    /// <summary>SSL_OP_NO_TICKET: no session resumption, so every handshake presents a certificate to check.</summary>
    public const ulong SslOpNoTicket = 1UL << 14;
    /// <summary>SSL_OP_NO_RENEGOTIATION: WebRTC never renegotiates, so a peer must not swap keys or certificate mid-call.</summary>
    public const ulong SslOpNoRenegotiation = 1UL << 30;

    public const int SslCtrlSetMtu = 17;
    public const int SslCtrlSetSessCacheMode = 44;
    public const int DtlsCtrlGetTimeout = 73;
    public const int DtlsCtrlHandleTimeout = 74;
    public const int SslCtrlSetMinProtoVersion = 123;
    public const int SslSessCacheOff = 0;
    public const int Dtls12Version = 0xFEFD;

    [LibraryImport(Lib)] public static partial IntPtr DTLS_method();
    [LibraryImport(Lib)] public static partial IntPtr SSL_CTX_new(IntPtr method);
    [LibraryImport(Lib)] public static partial void SSL_CTX_free(IntPtr ctx);
    [LibraryImport(Lib)] public static partial nint SSL_CTX_ctrl(IntPtr ctx, int cmd, nint larg, IntPtr parg);
    [LibraryImport(Lib)] public static partial ulong SSL_CTX_set_options(IntPtr ctx, ulong options);
    [LibraryImport(Lib)] public static partial int SSL_CTX_use_certificate(IntPtr ctx, IntPtr x509);
    [LibraryImport(Lib)] public static partial int SSL_CTX_use_PrivateKey(IntPtr ctx, IntPtr pkey);
    [LibraryImport(Lib)] public static partial int SSL_CTX_check_private_key(IntPtr ctx);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SSL_CTX_set_cipher_list(IntPtr ctx, string ciphers);
    [LibraryImport(Lib)]
    public static unsafe partial void SSL_CTX_set_verify(IntPtr ctx, int mode, delegate* unmanaged<int, IntPtr, int> callback);

    /// <summary>Returns 0 on success, unlike most of OpenSSL (SSL_CTX_set_tlsext_use_srtp(3)).</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SSL_CTX_set_tlsext_use_srtp(IntPtr ctx, string profiles);

    [LibraryImport(Lib)] public static partial IntPtr SSL_new(IntPtr ctx);
    [LibraryImport(Lib)] public static partial void SSL_free(IntPtr ssl);
    [LibraryImport(Lib)] public static partial void SSL_set_bio(IntPtr ssl, IntPtr readBio, IntPtr writeBio);
    [LibraryImport(Lib)] public static partial void SSL_set_accept_state(IntPtr ssl);
    [LibraryImport(Lib)] public static partial void SSL_set_connect_state(IntPtr ssl);
    [LibraryImport(Lib)] public static partial nint SSL_ctrl(IntPtr ssl, int cmd, nint larg, IntPtr parg);
    [LibraryImport(Lib)] public static partial ulong SSL_set_options(IntPtr ssl, ulong options);
    [LibraryImport(Lib)] public static partial int SSL_set_ex_data(IntPtr ssl, int index, IntPtr data);
    [LibraryImport(Lib)] public static partial IntPtr SSL_get_ex_data(IntPtr ssl, int index);
    [LibraryImport(Lib)] public static partial int SSL_get_ex_data_X509_STORE_CTX_idx();
    [LibraryImport(Lib)]
    public static unsafe partial void DTLS_set_timer_cb(IntPtr ssl, delegate* unmanaged<IntPtr, uint, uint> callback);

    [LibraryImport(Lib)] public static partial int SSL_do_handshake(IntPtr ssl);
    [LibraryImport(Lib)] public static unsafe partial int SSL_read(IntPtr ssl, byte* buffer, int length);
    [LibraryImport(Lib)] public static partial int SSL_shutdown(IntPtr ssl);
    [LibraryImport(Lib)] public static partial int SSL_get_error(IntPtr ssl, int result);
    [LibraryImport(Lib)] public static partial nint SSL_get_verify_result(IntPtr ssl);
    [LibraryImport(Lib)] public static partial IntPtr SSL_get1_peer_certificate(IntPtr ssl);
    [LibraryImport(Lib)] public static partial IntPtr SSL_get_selected_srtp_profile(IntPtr ssl);
    [LibraryImport(Lib)] public static partial int SSL_get_shutdown(IntPtr ssl);
    [LibraryImport(Lib)] public static partial IntPtr SSL_get_current_cipher(IntPtr ssl);
    [LibraryImport(Lib)] public static partial IntPtr SSL_CIPHER_get_name(IntPtr cipher);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int SSL_export_keying_material(
        IntPtr ssl, byte* output, nuint outputLength, string label, nuint labelLength,
        byte* context, nuint contextLength, int useContext);
}
