namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>
/// The SRTP key derivation function (RFC 3711 §4.3) with key_derivation_rate 0, which WebRTC uses
/// (RFC 5764 §4.1.2 profiles leave it at the default), so r = 0 and keys are derived once.
/// </summary>
internal static class SrtpKeyDerivation
{
    /// <summary>RFC 3711 §4.3.2 labels.</summary>
    public const byte RtpEncryption = 0x00, RtpAuthentication = 0x01, RtpSalt = 0x02;
    /// <summary>RFC 3711 §4.3.2 labels for SRTCP.</summary>
    public const byte RtcpEncryption = 0x03, RtcpAuthentication = 0x04, RtcpSalt = 0x05;

    // RFC 3711 §4.3.1: key_id = label || r is 56 bits, XOR-ed into the low end of the 112-bit master salt,
    // so the label lands on byte 7 of the 14-byte salt.
    private const int LabelByte = 7;

    /// <summary>Derives <paramref name="output"/>.Length bytes for <paramref name="label"/>.</summary>
    public static void Derive(AesCounterMode masterCipher, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[SrtpConstants.BlockLength];
        iv.Clear();
        masterSalt[..SrtpConstants.SaltLength].CopyTo(iv);
        iv[LabelByte] ^= label;
        // x * 2^16 leaves the low two bytes zero: AES-CM over an all-zero buffer yields the keystream.
        output.Clear();
        masterCipher.Transform(iv, output);
    }
}
