using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Hosting.Auth;

/// <summary>One echo-mode server with <c>Auth:Token</c> set, shared by a test class's cases.</summary>
public sealed class TokenServerFixture : IAsyncLifetime
{
    /// <summary>The shared secret (20 characters: above the 16-character minimum).</summary>
    public const string Token = "k3Yq9vR2mX7pL4sT8wZ1";

    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync("--Mode", "echo", "--Auth:Token", Token);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
