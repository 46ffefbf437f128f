using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// A test class's own server in echo mode (no models to load) and one raw hub connection to it (<see cref="Hub"/>),
/// for tests of the hub's methods as a page, or a hostile script, calls them over a real WebSocket.
/// </summary>
public abstract class EchoServerHubTests : IAsyncLifetime
{
    private TestServer _server = null!;

    internal RawHubClient Hub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync("--Mode", "echo");
        Hub = await RawHubClient.ConnectAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        await _server.DisposeAsync();
    }
}
