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
    [InlineData("SHA-256 ab:cd:ef", "sha-256 AB:CD:EF")]
    [InlineData("  sha-512 00:FF  ", "sha-512 00:FF")]
    public void Rfc8122_5_TryParse_AcceptsEitherCase(string value, string expected)
    {
        Assert.True(DtlsFingerprint.TryParse(value, out var fingerprint));
        Assert.Equal(expected, fingerprint.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha-256")]
    [InlineData("md5 AB:CD")]
    [InlineData("sha-256 AB:CDE")]
    [InlineData("sha-256 AB::CD")]
    [InlineData("sha-256 AB:G1")]
    [InlineData("sha-256 AB CD")]
    public void Rfc8122_5_TryParse_RejectsMalformedValues(string? value)
    {
        Assert.False(DtlsFingerprint.TryParse(value, out _));
    }
}
