using System.Security.Cryptography;

namespace PortraitStream.Server.WebRtc.Ice;

/// <summary>
/// An ICE username fragment and password (RFC 8445 §5.3). RFC 8839 §5.4 requires at least 24 bits of
/// randomness in the ufrag and 128 in the password; we use 48 and 144, from the ice-char alphabet.
/// </summary>
internal sealed record IceCredentials(string Ufrag, string Password)
{
    // RFC 8839 §5.4: ice-char = ALPHA / DIGIT / "+" / "/".
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const int UfragLength = 8, PasswordLength = 24;

    /// <summary>Fresh random credentials for one session.</summary>
    public static IceCredentials Generate() =>
        new(RandomNumberGenerator.GetString(IceChars, UfragLength), RandomNumberGenerator.GetString(IceChars, PasswordLength));
}
