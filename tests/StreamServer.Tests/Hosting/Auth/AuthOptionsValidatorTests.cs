using Microsoft.Extensions.Configuration;
using PortraitStream.Server.Hosting.Auth;

namespace PortraitStream.Server.Tests.Hosting.Auth;

/// <summary>"Auth" as the server checks it at start: weak, incomplete or unsafe settings are refused with the reason.</summary>
public sealed class AuthOptionsValidatorTests
{
    private const string GoodToken = "k3Yq9vR2mX7pL4sT8wZ1";

    [Theory]
    [InlineData("short-secret", "at least 16 characters (it has 12)")]
    [InlineData("a token with spaces in it", "visible ASCII")]
    [InlineData("tab\tseparated-token-value", "visible ASCII")]
    [InlineData("ünïcödé-token-value-long", "visible ASCII")]
    public void UnusableToken_IsRefused_WithoutShowingIt(string token, string expected)
    {
        var result = Validate(new AuthOptions { Token = token }, "http://localhost:5000");
        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void JwtAuthority_WithoutAudience_IsRefused() =>
        Assert.Contains("Auth:Jwt:Audience is required", Validate(new AuthOptions { Jwt = { Authority = "https://login.example/" } }, null).FailureMessage);

    [Fact]
    public void JwtAuthority_ThatIsNotAUrl_IsRefused() =>
        Assert.Contains("Auth:Jwt:Authority must be", Validate(new AuthOptions { Jwt = { Authority = "login.example", Audience = "api" } }, null).FailureMessage);

    [Fact]
    public void JwtAuthority_OverHttp_IsRefused_UnlessHttpsMetadataIsOff()
    {
        var jwt = new JwtAuthOptions { Authority = "http://login.internal/", Audience = "api" };
        Assert.Contains("Auth:Jwt:RequireHttpsMetadata false", Validate(new AuthOptions { Jwt = jwt }, null).FailureMessage);
        jwt.RequireHttpsMetadata = false;
        Assert.True(Validate(new AuthOptions { Jwt = jwt }, null).Succeeded);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:5000")]
    [InlineData("http://[::]:5000")]
    [InlineData("https://stream.example:443")]
    [InlineData("http://192.0.2.7:5000")]
    [InlineData("http://localhost:5000;http://0.0.0.0:5001")]
    public void Anonymous_BeyondLoopback_IsRefused_UnlessAllowed(string urls)
    {
        var refused = Validate(new AuthOptions(), urls);
        Assert.True(refused.Failed);
        Assert.Contains("--Auth:AllowAnonymous true", refused.FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate(new AuthOptions { AllowAnonymous = true }, urls).Succeeded);
        Assert.True(Validate(new AuthOptions { Token = GoodToken }, urls).Succeeded);
        Assert.True(Validate(new AuthOptions { Jwt = { Authority = "https://login.example/", Audience = "api" } }, urls).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("https://127.0.0.2:8443;http://[::1]:5000")]
    public void Anonymous_OnLoopback_Starts(string? urls) => Assert.True(Validate(new AuthOptions(), urls).Succeeded);

    [Theory]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "443")]
    [InlineData("Kestrel:Endpoints:Public:Url", "https://0.0.0.0:443")]
    public void Anonymous_OnOtherListenSettings_IsRefused(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        Assert.True(new AuthOptionsValidator(configuration).Validate(null, new AuthOptions()).Failed);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(AuthOptions options, string? urls)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("urls", urls)]).Build();
        return new AuthOptionsValidator(configuration).Validate(null, options);
    }
}
