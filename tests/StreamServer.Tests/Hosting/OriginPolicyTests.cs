using PortraitStream.Server.Hosting;

namespace PortraitStream.Server.Tests.Hosting;

public sealed class OriginPolicyTests
{
    private static readonly OriginPolicy Default = new(new BrowserOriginOptions().AllowedOrigins);

    [Theory]
    [InlineData(null, true)]                                  // no page sent it
    [InlineData("http://127.0.0.1:5000", true)]               // the request's own origin
    [InlineData("http://localhost:8080", true)]               // loopback, any port
    [InlineData("HTTPS://LOCALHOST", true)]
    [InlineData("http://[::1]:3000", true)]
    [InlineData("http://evil.example", false)]
    [InlineData("http://localhost.evil.example", false)]
    [InlineData("http://127.0.0.1.evil.example:5000", false)]
    [InlineData("null", false)]                               // RFC 6454 §7.3 opaque origin
    [InlineData("http://localhost:5000/path", false)]
    [InlineData("ws://evil.example", false)]
    [InlineData("not a url", false)]
    public void Rfc6454_DefaultPolicy(string? origin, bool allowed) =>
        Assert.Equal(allowed, Default.Allows(origin, "http", "127.0.0.1:5000"));

    [Fact]
    public void ConfiguredOrigins_ExactPortOrAnyPort()
    {
        var policy = new OriginPolicy(["https://portrait.example", "http://studio.example:*"]);
        Assert.True(policy.Allows("https://portrait.example", "http", "10.0.0.1"));
        Assert.False(policy.Allows("https://portrait.example:8443", "http", "10.0.0.1"));
        Assert.True(policy.Allows("http://studio.example:9999", "http", "10.0.0.1"));
        Assert.False(policy.Allows("http://localhost:5000", "http", "10.0.0.1")); // the defaults are replaced
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("http://host/path")]
    [InlineData("http://host/")]
    public void BadConfiguredOrigin_IsRefusedWithTheSettingsName(string entry) =>
        Assert.Contains("Hosting:AllowedOrigins", Assert.Throws<ArgumentException>(() => new OriginPolicy([entry])).Message, StringComparison.Ordinal);

    [Fact]
    public void AllowedHosts_BoundToLoopback_AreLoopbackNamesOnly() =>
        Assert.Equal(["127.0.0.1", "[::1]", "localhost"], LoopbackHosts.For("http://127.0.0.1:0;http://localhost:5000").Order(StringComparer.Ordinal));

    [Fact]
    public void AllowedHosts_BoundToAWildcard_AddTheMachinesNames() =>
        Assert.Contains(System.Net.Dns.GetHostName(), LoopbackHosts.For("http://0.0.0.0:5000"));
}
