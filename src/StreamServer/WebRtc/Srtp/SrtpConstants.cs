namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>
/// Sizes of the SRTP_AES128_CM_HMAC_SHA1_80 profile (RFC 3711 §5 mandatory transforms, RFC 5764 §4.1.2).
/// </summary>
internal static class SrtpConstants
{
    /// <summary>AES-128 master and session key length (RFC 3711 §8.2).</summary>
    public const int KeyLength = 16;
    /// <summary>Master and session salt length: 112 bits (RFC 3711 §8.2).</summary>
    public const int SaltLength = 14;
    /// <summary>HMAC-SHA1 session authentication key: 160 bits (RFC 3711 §4.2.1).</summary>
    public const int AuthKeyLength = 20;
    /// <summary>HMAC-SHA1 output before truncation.</summary>
    public const int HmacLength = 20;
    /// <summary>Authentication tag: 80 bits (RFC 3711 §5.2).</summary>
    public const int TagLength = 10;
    /// <summary>SRTCP E flag plus 31-bit index (RFC 3711 §3.4).</summary>
    public const int SrtcpIndexLength = 4;
    /// <summary>AES block size.</summary>
    public const int BlockLength = 16;
    /// <summary>Most SSRCs one context tracks; a hostile peer cannot grow state beyond it.</summary>
    public const int MaxStreams = 32;
}
