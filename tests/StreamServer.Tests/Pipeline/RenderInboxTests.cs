using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// The render stage's choice of work (issue #15, pose-to-photon): camera frames before pose re-renders, bursts of poses
/// coalesced into one pending re-render, and a camera frame taking a pending re-render with it (it is rendered at the
/// newest pose anyway).
/// </summary>
public sealed class RenderInboxTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static AnalysedFrame Frame(double ms) => new(
        new CameraFrame(new RgbImage(2, 2), TimeSpan.FromMilliseconds(ms), FrameTimings.Start()), null!,
        FaceTrackState.NoFace, null, default, FrameTimings.Start());

    [Fact]
    public async Task CameraFrame_GoesBeforeAPendingRerender_AndTakesItWithIt()
    {
        using var frames = new LatestSlot<AnalysedFrame>();
        var rerender = new PendingRerender();
        var inbox = new RenderInbox(frames, rerender);
        rerender.Request();
        var frame = Frame(33);
        frames.Put(frame);

        Assert.Same(frame, (await inbox.NextAsync(CancellationToken.None))!.Value.Frame);
        Assert.False(rerender.TryTake(), "the camera frame served the pose's re-render");
    }

    [Fact]
    public async Task BurstOfPoses_IsOneRerender()
    {
        using var frames = new LatestSlot<AnalysedFrame>();
        var rerender = new PendingRerender();
        var inbox = new RenderInbox(frames, rerender);
        for (var i = 0; i < 90; i++)
        {
            rerender.Request();
        }

        var work = await inbox.NextAsync(CancellationToken.None);
        Assert.Equal(RenderWork.Rerender, work);
        var next = inbox.NextAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted, "a second re-render for the same burst");

        // The next pose after the burst wakes the waiting stage.
        rerender.Request();
        Assert.Equal(RenderWork.Rerender, await next.WaitAsync(Deadline));
    }

    [Fact]
    public async Task WaitingStage_WakesForACameraFrame_AfterWakingForAPose()
    {
        using var frames = new LatestSlot<AnalysedFrame>();
        var rerender = new PendingRerender();
        var inbox = new RenderInbox(frames, rerender);
        var first = inbox.NextAsync(CancellationToken.None).AsTask();
        rerender.Request();
        Assert.Equal(RenderWork.Rerender, await first.WaitAsync(Deadline));

        // The frame slot's wait started in the first call is still the one waiting.
        var second = inbox.NextAsync(CancellationToken.None).AsTask();
        var frame = Frame(66);
        frames.Put(frame);
        Assert.Same(frame, (await second.WaitAsync(Deadline))!.Value.Frame);
    }

    [Fact]
    public async Task FrameArrivingDuringTheTurnsWait_IsTakenInsteadOfTheRerender()
    {
        using var frames = new LatestSlot<AnalysedFrame>();
        var rerender = new PendingRerender();
        var inbox = new RenderInbox(frames, rerender);
        rerender.Request();
        Assert.Equal(RenderWork.Rerender, await inbox.NextAsync(CancellationToken.None));
        Assert.Null(inbox.TryTakeFrame());

        var frame = Frame(100);
        frames.Put(frame);
        rerender.Request();
        Assert.Same(frame, inbox.TryTakeFrame());
        Assert.False(rerender.TryTake());
    }

    [Fact]
    public async Task CompletedSlot_EndsTheStage_EvenWithARerenderPending()
    {
        using var frames = new LatestSlot<AnalysedFrame>();
        var rerender = new PendingRerender();
        var inbox = new RenderInbox(frames, rerender);
        var waiting = inbox.NextAsync(CancellationToken.None).AsTask();
        frames.Complete();
        Assert.Null(await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Cancellation_EndsTheWait()
    {
        using var frames = new LatestSlot<AnalysedFrame>();
        using var stop = new CancellationTokenSource();
        var inbox = new RenderInbox(frames, new PendingRerender());
        var waiting = inbox.NextAsync(stop.Token).AsTask();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Deadline));
    }
}
