using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Numerics;
using Microsoft.Extensions.DependencyInjection;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// Pose-to-photon counts each pose once, at its first frame (issue #15): frames rendered later at the same pose, because
/// no newer pose came, are still reported to the page (it places every frame) but not timed again, nor broken into parts.
/// </summary>
public sealed class PosedFrameReportTests
{
    [Fact]
    public void SecondFrameAtTheSamePose_IsPublishedButNotTimed()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ServerMetrics(services.GetRequiredService<IMeterFactory>());
        using var timed = new InstrumentCount(metrics.PoseToPhoton);

        var record = new SessionRecord("s", MediaSessionOrigin.Hub, DateTimeOffset.UtcNow, new SessionControl(new PipelineOptions(), TimeProvider.System));
        var watcher = new Watcher();
        record.Watch(watcher);
        var report = new PosedFrameReport(record, metrics);
        var first = new ViewerPose(Vector3.Zero, Quaternion.Identity, 10, Stopwatch.GetTimestamp());
        var second = first with { TimestampMs = 21, ReceivedTicks = first.ReceivedTicks + 1 };

        using var a = Frame(first);
        using var b = Frame(first);
        using var c = Frame(second);
        report.Report(a, TimeSpan.FromMilliseconds(100), first, Stopwatch.GetTimestamp());
        report.Report(b, TimeSpan.FromMilliseconds(133), first, Stopwatch.GetTimestamp());
        report.Report(c, TimeSpan.FromMilliseconds(166), second, Stopwatch.GetTimestamp());

        Assert.Equal([10, 10, 21], watcher.Frames.Select(f => f.PoseTimestampMs));
        Assert.Equal([9000u, 11970u, 14940u], watcher.Frames.Select(f => f.RtpTimestamp));
        Assert.Equal(2, timed.Measurements);
        // The timed frames say where their time went; the repeat does not.
        Assert.Equal(["camera", null, "camera"], watcher.Frames.Select(f => f.Parts?.Frame));
    }

    private static OutputFrame Frame(ViewerPose pose) => new(I420Frame.Rent(2, 2), TimeSpan.Zero, FrameTimings.Start(), pose);

    private sealed class Watcher : ISessionWatcher
    {
        public List<PosedFrame> Frames { get; } = [];

        public void OnStats(StreamStats stats)
        {
        }

        public void OnPosedFrame(PosedFrame frame) => Frames.Add(frame);

        public void OnEnded(string sessionId, string reason, bool byItself)
        {
        }
    }
}
