namespace PortraitStream.Server.WebRtc.Dtls;

// Public, unlike the rest of the server: test theories take it as a parameter, and xunit runs public methods only.
/// <summary>
/// SRTP protection profiles negotiated by the DTLS <c>use_srtp</c> extension; values are the IANA identifiers
/// (RFC 5764 §4.1.2, RFC 7714 §14.2).
/// </summary>
public enum SrtpProtectionProfile : ushort
{
    /// <summary>AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 5764 §4.1.2), the one every browser offers.</summary>
    Aes128CmHmacSha1Tag80 = 0x0001,

    /// <summary>AEAD AES-128-GCM (RFC 7714 §14.2).</summary>
    AeadAes128Gcm = 0x0007,
}

/// <summary>Names and key sizes of each profile.</summary>
internal static class SrtpProtectionProfileExtensions
{
    /// <summary>The profile's name in OpenSSL's <c>SSL_CTX_set_tlsext_use_srtp</c> list syntax.</summary>
    public static string OpenSslName(this SrtpProtectionProfile profile) => profile switch
    {
        SrtpProtectionProfile.Aes128CmHmacSha1Tag80 => "SRTP_AES128_CM_SHA1_80",
        SrtpProtectionProfile.AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    /// <summary>Master key length in bytes: 128-bit AES for both profiles.</summary>
    public static int MasterKeyLength(this SrtpProtectionProfile profile) => profile switch
    {
        SrtpProtectionProfile.Aes128CmHmacSha1Tag80 or SrtpProtectionProfile.AeadAes128Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    /// <summary>Master salt length in bytes: 112 bits for AES-CM (RFC 3711 §8.2), 96 bits for GCM (RFC 7714 §12).</summary>
    public static int MasterSaltLength(this SrtpProtectionProfile profile) => profile switch
    {
        SrtpProtectionProfile.Aes128CmHmacSha1Tag80 => 14,
        SrtpProtectionProfile.AeadAes128Gcm => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };
}
