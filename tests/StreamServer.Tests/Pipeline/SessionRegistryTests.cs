using Microsoft.Extensions.Options;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stats;
using PortraitStream.Server.Tests.Media.Sessions;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// One record per session, whatever opened it: the registry follows a real session table (real peer connections, the
/// echo handler, no web host) and makes each session's record with it and removes it on its end, telling watchers.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class SessionRegistryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WhipSession_HasOneRecordFromItsOpening_RemovedWhenItEndsByItself_WatchersHearItOnce()
    {
        await using var table = new EchoSessionTable();
        var registry = await StartAsync(table);
        await OpenAsync(table, "w1", MediaSessionOrigin.Whip);
        var session = await table.Handler.Started.Task.WaitAsync(Deadline);
        var record = Assert.Single(registry.Open());
        Assert.Same(record, registry.Find("w1"));
        Assert.Same(session, record.Media);
        Assert.Equal(MediaSessionOrigin.Whip, record.Origin);
        var watcher = new RecordingWatcher();
        record.Watch(watcher);
        record.Publish(Signalling.ClientPushesTests.Sample);
        Assert.Equal(1, watcher.Stats);

        session.Close("the peer left");

        Assert.Equal(("w1", "the peer left", true), await watcher.Ended.Task.WaitAsync(Deadline));
        Assert.Null(registry.Find("w1"));
        Assert.Empty(registry.Open());
        Assert.Equal(0, record.WatcherCount);
        Assert.Equal(1, watcher.Ends);
    }

    [Fact]
    public async Task BrowsersCallsBeforeItsOffer_ApplyToTheSessionItOpens_AndEndWithIt()
    {
        await using var table = new EchoSessionTable();
        var registry = await StartAsync(table);
        var early = registry.ForConnection("c1");
        early.Control.OutputAlpha = true;
        Assert.Null(registry.Find("c1")); // no live session yet: nothing to attach to

        await OpenAsync(table, "c1", MediaSessionOrigin.Hub);
        var record = registry.Find("c1");
        Assert.Same(early, record);
        Assert.True(record!.Control.OutputAlpha);
        var watcher = new RecordingWatcher();
        record.Watch(watcher);

        // A second offer replaces the session: the old record ends (on request), the new one starts from the defaults.
        await OpenAsync(table, "c1", MediaSessionOrigin.Hub);
        Assert.Equal(("c1", "closed", false), await watcher.Ended.Task.WaitAsync(Deadline));
        var replacement = registry.Find("c1");
        Assert.NotNull(replacement);
        Assert.NotSame(record, replacement);
        Assert.False(replacement.Control.OutputAlpha);

        await table.Sessions.CloseAsync("c1");
        Assert.Null(registry.Find("c1"));
        Assert.Empty(registry.Open());
    }

    [Fact]
    public async Task WatcherAddedAfterTheEnd_HearsItAtOnce_AndAnUnboundRecordIsForgottenAlone()
    {
        await using var table = new EchoSessionTable();
        var registry = await StartAsync(table);
        await OpenAsync(table, "w1", MediaSessionOrigin.Whip);
        var record = registry.Find("w1")!;
        await table.Sessions.CloseAsync("w1");
        var late = new RecordingWatcher();
        record.Watch(late);
        Assert.Equal(("w1", "closed", false), await late.Ended.Task.WaitAsync(Deadline));

        var unbound = registry.ForConnection("c2");
        registry.ForgetUnbound("c2");
        Assert.NotSame(unbound, registry.ForConnection("c2"));
    }

    private static async Task<SessionRegistry> StartAsync(EchoSessionTable table)
    {
        var registry = new SessionRegistry(Options.Create(new PipelineOptions()), TimeProvider.System);
        await new SessionRegistryFeed(table.Sessions, registry).StartAsync(CancellationToken.None);
        return registry;
    }

    private static Task<string> OpenAsync(EchoSessionTable table, string id, MediaSessionOrigin origin) =>
        table.Sessions.OpenAsync(id, "ip:127.0.0.1", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp")), origin);

    private sealed class RecordingWatcher : ISessionWatcher
    {
        private int _stats, _ends;

        public int Stats => Volatile.Read(ref _stats);

        public int Ends => Volatile.Read(ref _ends);

        public TaskCompletionSource<(string Id, string Reason, bool ByItself)> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnStats(StreamStats stats) => Interlocked.Increment(ref _stats);

        public void OnPosedFrame(PosedFrame frame)
        {
        }

        public void OnEnded(string sessionId, string reason, bool byItself)
        {
            Interlocked.Increment(ref _ends);
            Ended.TrySetResult((sessionId, reason, byItself));
        }
    }
}
