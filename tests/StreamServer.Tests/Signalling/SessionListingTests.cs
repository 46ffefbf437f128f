using Microsoft.Extensions.Options;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Signalling;
using PortraitStream.Server.Tests.Media.Sessions;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// The one listing behind GET /whip, GET /whep and Sessions(): it follows the registry over a real session table (real
/// peer connections, the echo handler, no web host) — every session whatever opened it, oldest first, the caller's own
/// marked, and an ended session gone from it at once.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class SessionListingTests
{
    [Fact]
    public async Task ListsEverySession_OldestFirst_MarksTheCallers_AndDropsOneThatEnded()
    {
        await using var table = new EchoSessionTable();
        var registry = new SessionRegistry(Options.Create(new PipelineOptions()), TimeProvider.System);
        await new SessionRegistryFeed(table.Sessions, registry).StartAsync(CancellationToken.None);
        var listing = new SessionListing(registry, table.Sessions);
        var offer = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));
        Assert.Empty(listing.List());

        await table.Sessions.OpenAsync("w1", "ip:127.0.0.1", offer, MediaSessionOrigin.Whip);
        await Task.Delay(20); // distinct start times
        await table.Sessions.OpenAsync("c1", "ip:127.0.0.1", offer, MediaSessionOrigin.Hub);

        var listed = listing.List("c1");
        Assert.Equal([("w1", "whip", false), ("c1", "browser", true)], listed.Select(s => (s.Id, s.Origin, s.Yours)));
        Assert.All(listed, s => Assert.Equal((new PipelineOptions().DefaultSize, 0), (s.Size, s.Viewers)));
        Assert.True(listed[0].Started <= listed[1].Started);

        await table.Sessions.CloseAsync("w1");
        Assert.Equal(["c1"], listing.List().Select(s => s.Id));
    }
}
