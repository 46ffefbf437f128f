using System.Runtime.InteropServices;
using PortraitStream.Server.WebRtc.Dtls.Native;

namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// Native callbacks installed on every SSL_CTX/SSL. They run inside OpenSSL calls made by <see cref="DtlsEndpoint"/>
/// on the same thread, and must never let an exception unwind into native frames.
/// </summary>
internal static class DtlsCallbacks
{
    /// <summary>RFC 6347 §4.2.4.1: the timer doubles on each retransmission, up to at least 60 s.</summary>
    private const uint MaxRetransmitTimeoutMicroseconds = 60_000_000;

    public static unsafe delegate* unmanaged<int, IntPtr, int> Verify => &VerifyPeerCertificate;

    public static unsafe delegate* unmanaged<IntPtr, uint, uint> Timer => &NextRetransmitTimeout;

    /// <summary>
    /// SSL_CTX_set_verify(3) callback. A WebRTC peer's certificate is self-signed, so OpenSSL's chain verdict
    /// (<paramref name="preverifyOk"/>) is ignored; the leaf certificate is accepted only if its fingerprint equals
    /// the one the peer announced in SDP (RFC 5763 §5, RFC 8827 §6.5). Refusing here aborts the handshake with an alert.
    /// </summary>
    [UnmanagedCallersOnly]
    private static int VerifyPeerCertificate(int preverifyOk, IntPtr storeCtx)
    {
        try
        {
            if (LibCrypto.X509_STORE_CTX_get_error_depth(storeCtx) != 0)
            {
                return 1; // Issuers, if any were sent, carry no authority here: only the leaf's fingerprint does.
            }
            var ssl = LibCrypto.X509_STORE_CTX_get_ex_data(storeCtx, LibSsl.SSL_get_ex_data_X509_STORE_CTX_idx());
            var policy = SafeSslHandle.AppData<DtlsPeerPolicy>(ssl);
            var certificate = LibCrypto.X509_STORE_CTX_get_current_cert(storeCtx);
            if (policy is not null && certificate != IntPtr.Zero && policy.Matches(certificate))
            {
                return 1;
            }
            policy?.FingerprintRejected = true;
        }
        catch (Exception)
        {
            // Never unwind into OpenSSL; a certificate we cannot fingerprint is not the announced one.
        }
        LibCrypto.X509_STORE_CTX_set_error(storeCtx, LibCrypto.X509ErrApplicationVerification);
        return 0;
    }

    /// <summary>DTLS_set_timer_cb(3) callback: 0 asks for the initial timeout, otherwise the current one expired.</summary>
    [UnmanagedCallersOnly]
    private static uint NextRetransmitTimeout(IntPtr ssl, uint currentMicroseconds)
    {
        if (currentMicroseconds == 0)
        {
            return SafeSslHandle.AppData<DtlsPeerPolicy>(ssl)?.InitialRetransmitTimeoutMicroseconds ?? 1_000_000;
        }
        return Math.Min(currentMicroseconds * 2, MaxRetransmitTimeoutMicroseconds);
    }
}
