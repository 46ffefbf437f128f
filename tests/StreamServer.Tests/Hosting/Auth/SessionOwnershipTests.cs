using Microsoft.Extensions.DependencyInjection;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Tests.Signalling;

namespace PortraitStream.Server.Tests.Hosting.Auth;

/// <summary>
/// A session is driven only by the hub connection that opened it: every hub method acts on the caller's own
/// connection's own session unless it attached to another (Attach, StreamHubAttachTests), so a second client holding
/// the same token cannot close, pause or steer someone else's session without saying so. Two real WebSocket clients on a token-protected server.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class SessionOwnershipTests(TokenServerFixture fixture) : IClassFixture<TokenServerFixture>
{
    [Fact]
    public async Task AnotherConnection_CannotDriveSomeoneElsesSession()
    {
        var server = fixture.Server;
        var records = server.Services.GetRequiredService<SessionRegistry>();
        await using var owner = await RawHubClient.ConnectAsync(server.Address, TokenServerFixture.Token);
        await using var other = await RawHubClient.ConnectAsync(server.Address, TokenServerFixture.Token);

        var offer = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));
        Assert.StartsWith("v=0", (await owner.ResultAsync("Offer", offer)).GetString(), StringComparison.Ordinal);
        var session = Assert.Single(server.Sessions.SessionIds);

        // The other client's calls reach only its own (empty) state.
        Assert.Null(await other.InvokeAsync("Pause"));
        Assert.Null(await other.InvokeAsync("SetQuality", 128, "live", 0));
        Assert.Null(await other.InvokeAsync("Close"));
        Assert.Equal([session], server.Sessions.SessionIds);
        Assert.False(records.Find(session)!.Control.Paused);
        Assert.NotEqual(128, records.Find(session)!.Control.Quality.Size);

        // The owner's own calls do reach it.
        Assert.Null(await owner.InvokeAsync("Pause"));
        Assert.True(records.Find(session)!.Control.Paused);
        Assert.Null(await owner.InvokeAsync("Close"));
        Assert.Empty(server.Sessions.SessionIds);
    }
}
