namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>
/// The character sets and lengths of the offer's identifiers that we copy into the answer or use on the wire. An
/// identifier outside its grammar would be echoed into lines it was never meant to split (an offer's
/// <c>a=mid:0 x</c> became <c>a=group:BUNDLE 0 x</c>, a bundle of two), so it is refused, not copied.
/// </summary>
internal static class SdpTokens
{
    /// <summary>
    /// Longest mid or rid: both travel in an RTP header extension element (RFC 9143's MID, RFC 8852's RtpStreamId),
    /// whose length field allows at most 255 bytes (RFC 8285 §4.3).
    /// </summary>
    public const int MaxIdentifierLength = 255;

    /// <summary>RFC 8839 §5.4: ice-ufrag is 4–256 ice-chars.</summary>
    public const int MinUfragLength = 4, MaxUfragLength = 256;

    /// <summary>RFC 8839 §5.4: ice-pwd is 22–256 ice-chars.</summary>
    public const int MinPasswordLength = 22, MaxPasswordLength = 256;

    /// <summary>a=mid's identification-tag is an SDP token (RFC 5888 §4, token per RFC 8866 §9).</summary>
    public static bool IsMid(string? value) => IsBounded(value, 1, MaxIdentifierLength) && value!.All(IsTokenChar);

    /// <summary>rid-id = 1*(alpha-numeric / "-" / "_") (RFC 8851 §10).</summary>
    public static bool IsRid(string? value) =>
        IsBounded(value, 1, MaxIdentifierLength) && value!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsIceUfrag(string? value) => IsBounded(value, MinUfragLength, MaxUfragLength) && value!.All(IsIceChar);

    public static bool IsIcePassword(string? value) => IsBounded(value, MinPasswordLength, MaxPasswordLength) && value!.All(IsIceChar);

    /// <summary>ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.1).</summary>
    private static bool IsIceChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/';

    /// <summary>token-char (RFC 8866 §9): visible ASCII except the separators.</summary>
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '{' or '|' or '}' or '~';

    private static bool IsBounded(string? value, int min, int max) => value is not null && value.Length >= min && value.Length <= max;
}
