namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>The three session keys one direction of SRTP or SRTCP uses (RFC 3711 §4.3).</summary>
internal sealed record SrtpSessionKeys(byte[] CipherKey, byte[] Salt, byte[] AuthKey)
{
    /// <summary>Session keys for SRTP (labels 0–2).</summary>
    public static SrtpSessionKeys ForRtp(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt) =>
        Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpEncryption, SrtpKeyDerivation.RtpAuthentication, SrtpKeyDerivation.RtpSalt);

    /// <summary>Session keys for SRTCP (labels 3–5).</summary>
    public static SrtpSessionKeys ForRtcp(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt) =>
        Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpEncryption, SrtpKeyDerivation.RtcpAuthentication, SrtpKeyDerivation.RtcpSalt);

    private static SrtpSessionKeys Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte cipher, byte auth, byte salt)
    {
        using var master = new AesCounterMode(masterKey);
        var keys = new SrtpSessionKeys(new byte[SrtpConstants.KeyLength], new byte[SrtpConstants.SaltLength], new byte[SrtpConstants.AuthKeyLength]);
        SrtpKeyDerivation.Derive(master, masterSalt, cipher, keys.CipherKey);
        SrtpKeyDerivation.Derive(master, masterSalt, auth, keys.AuthKey);
        SrtpKeyDerivation.Derive(master, masterSalt, salt, keys.Salt);
        return keys;
    }
}
