using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

public sealed class DtlsFingerprintTests
{
    [Fact]
    public void Rfc8122_5_LocalCertificateFingerprint_IsSha256InUpperCaseHexPairs()
    {
        using var context = new DtlsContext();

        var text = context.LocalFingerprint.ToString();

        Assert.Matches("^sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$", text);
        Assert.True(DtlsFingerprint.TryParse(text, out var parsed));
        Assert.Equal(context.LocalFingerprint, parsed);
    }

    [Fact]
    public void EveryContext_HasItsOwnCertificate()
    {
        using var first = new DtlsContext();
        using var second = new DtlsContext();

        Assert.NotEqual(first.LocalFingerprint, second.LocalFingerprint);
    }

    [Theory]
    [InlineData("SHA-256", 32)]
    [InlineData("  sha-384", 48)]
    [InlineData("sha-512", 64)]
    public void Rfc8122_5_TryParse_AcceptsEitherCase(string algorithm, int length)
    {
        var hex = string.Join(':', Enumerable.Range(0, length).Select(i => (i * 7 % 256).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(DtlsFingerprint.TryParse($"{algorithm} {hex}  ", out var fingerprint));

        Assert.Equal($"{algorithm.Trim().ToLowerInvariant()} {hex.ToUpperInvariant()}", fingerprint.ToString());
    }

    /// <summary>A valid SHA-256 value (32 pairs) for the malformed cases to break in one place each.</summary>
    private const string Valid = "sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    public static TheoryData<string?> MalformedValues => new()
    {
        null,
        "",
        "sha-256",
        Valid.Replace("sha-256", "md5", StringComparison.Ordinal),          // hash function not accepted
        Valid[..^3],                                                           // 31 bytes: too short for SHA-256
        Valid + ":00",                                                         // 33 bytes
        Valid.Replace(":FF", ":FFF", StringComparison.Ordinal),               // three hex digits
        Valid.Replace(":11:", "::", StringComparison.Ordinal),                // empty pair
        Valid.Replace(":AA", ":G1", StringComparison.Ordinal),                // not hex
        Valid.Replace(":", " ", StringComparison.Ordinal),                    // wrong separator
    };

    [Fact]
    public void Rfc8122_5_TheValidBaseCase_Parses()
    {
        Assert.True(DtlsFingerprint.TryParse(Valid, out _));
    }

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public void Rfc8122_5_TryParse_RejectsMalformedValues(string? value)
    {
        Assert.False(DtlsFingerprint.TryParse(value, out _));
    }
}
