using Microsoft.Extensions.Options;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Scheduling;
using PortraitStream.Server.Tests.WebRtc;

namespace PortraitStream.Server.Tests.Pipeline.Scheduling;

/// <summary>
/// Issue #17 finding 5: sessions shared the renderer with no order, so one session at 512² × 96 took render time
/// from all others. Turns now go to the least-served waiting session, a greedy quality is capped to its share while
/// others render, and admission looks at the renderer's load.
/// </summary>
public sealed class RenderSchedulerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly RenderScheduler _scheduler;

    public RenderSchedulerTests() =>
        _scheduler = new RenderScheduler(Options.Create(new PipelineOptions { FairFps = 10, AdmitFps = 3, RenderConcurrency = 1 }), _time);

    [Fact]
    public async Task FreeTurn_GoesToTheLeastServedWaiter_NotTheFirstInLine()
    {
        using var greedy = _scheduler.Join("greedy");
        using var light = _scheduler.Join("light");
        using var other = _scheduler.Join("other");
        await Render(greedy, 200);
        await Render(light, 10);

        var holding = await other.TurnAsync(CancellationToken.None);
        var greedyWaits = greedy.TurnAsync(CancellationToken.None).AsTask();
        var lightWaits = light.TurnAsync(CancellationToken.None).AsTask();
        holding.Dispose();

        using (await lightWaits.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.False(greedyWaits.IsCompleted);
        }
        (await greedyWaits.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task CancelledWaiter_IsSkipped()
    {
        using var a = _scheduler.Join("a");
        using var b = _scheduler.Join("b");
        using var c = _scheduler.Join("c");
        var holding = await a.TurnAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = b.TurnAsync(cancel.Token).AsTask();
        var next = c.TurnAsync(CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        holding.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task GreedyQuality_IsCappedWithAReason_OnlyWhileOthersRender()
    {
        using var greedy = _scheduler.Join("greedy");
        var best = new RenderQuality(512, SamplerQuality.Reference, 96);
        await Render(greedy, 250, best); // 250 ms a frame
        Assert.Equal(best, greedy.Cap(best)); // alone: takes time from no one
        Assert.Null(greedy.CapReason);

        using var light = _scheduler.Join("light");
        await Render(light, 5, new RenderQuality(192, SamplerQuality.Reference, 6));
        var capped = greedy.Cap(best);

        Assert.True(QualityCap.Units(capped) * greedy.MsPerUnit <= 50, $"{capped}"); // 2 sessions at 10 fps: 50 ms each
        Assert.Contains("2 sessions share the renderer", greedy.CapReason, StringComparison.Ordinal);
        Assert.Equal(new RenderQuality(192, SamplerQuality.Reference, 6), light.Cap(new RenderQuality(192, SamplerQuality.Reference, 6)));
    }

    [Fact]
    public async Task Newcomer_IsCappedFromItsFirstFrame_OnTheOthersMeasuredCost()
    {
        using var light = _scheduler.Join("light");
        await Render(light, 20, new RenderQuality(192, SamplerQuality.Reference, 6));
        using var greedy = _scheduler.Join("greedy");
        (await greedy.TurnAsync(CancellationToken.None)).Dispose(); // asks to render: now two sessions render

        Assert.NotEqual(new RenderQuality(512, SamplerQuality.Reference, 96), greedy.Cap(new RenderQuality(512, SamplerQuality.Reference, 96)));
    }

    [Fact]
    public async Task Admission_ConsidersTheRenderersLoad()
    {
        Assert.Null(_scheduler.RefusalForAnotherSession());
        using var slow = _scheduler.Join("slow");
        await Render(slow, 100, new RenderQuality(128, SamplerQuality.Reference, 4));
        await Render(slow, 100, new RenderQuality(128, SamplerQuality.Reference, 4));
        Assert.Null(_scheduler.RefusalForAnotherSession()); // two at 100 ms a frame still get 5 fps
        // A 600 ms frame moves the smoothed cost to 200 ms at 128² × 4: a second session would leave both below 3 fps.
        await Render(slow, 600, new RenderQuality(128, SamplerQuality.Reference, 4));
        Assert.Contains("at capacity", _scheduler.RefusalForAnotherSession(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ColdFirstFrame_IsReplacedByTheSecond_NotAveragedIn()
    {
        using var session = _scheduler.Join("cold");
        var quality = new RenderQuality(128, SamplerQuality.Reference, 4);
        await Render(session, 900, quality); // JIT and first dispatch: nine warm frames of time
        Assert.Contains("at capacity", _scheduler.RefusalForAnotherSession(), StringComparison.Ordinal);

        await Render(session, 100, quality);

        Assert.Equal(100 / QualityCap.Units(quality), session.MsPerUnit, 9);
        Assert.Null(_scheduler.RefusalForAnotherSession());
        await Render(session, 600, quality); // from the third frame on, one slow frame moves the cost a fifth of the way
        Assert.Equal(200 / QualityCap.Units(quality), session.MsPerUnit, 9);
    }

    private async Task Render(RenderSession session, double ms, RenderQuality? quality = null)
    {
        using var turn = await session.TurnAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(ms));
        turn.Rendered(quality ?? new RenderQuality(192, SamplerQuality.Reference, 6));
    }
}
