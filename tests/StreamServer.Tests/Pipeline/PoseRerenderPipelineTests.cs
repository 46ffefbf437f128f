using System.Diagnostics;
using System.Threading.Channels;
using PortraitStream.Renderer.Camera;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// Issue #15, pose-to-photon: with the camera stopped (no new input frames), a viewer pose alone makes the pipeline
/// re-render the held triplanes at that pose and send the frame, stamped after the last camera frame, reported with
/// that RTP timestamp and the pose, at the session's settings (stereo here), counted as a pose-only frame, not a camera frame,
/// its pose-to-photon broken into parts that add up to it. Real ONNX Runtime, renderer and default
/// model through the server's own composition, against an in-memory media session.
/// </summary>
public sealed class PoseRerenderPipelineTests
{
    private const int Size = 128;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task CameraStopped_NewPose_SendsAFrameRenderedAtThatPose_AfterTheLastCameraFrame()
    {
        await using var host = InMemoryPipelineHost.Create();
        var session = new InMemoryMediaSession("pose-rerender");
        var record = host.Registry.For(session);
        var control = record.Control;
        control.Quality = new RenderQuality(Size, SamplerQuality.Live, 0);
        control.Stereo = new StereoRig(StereoRig.DefaultIpdMillimetres);
        var watcher = new PosedFrameWatcher();
        record.Watch(watcher);
        var portrait = await InMemoryPipelineHost.PortraitAsync();

        using var stop = new CancellationTokenSource();
        var run = host.Handler.RunAsync(session, stop.Token);
        var waited = Stopwatch.StartNew();

        // Feed the camera until a frame rendered from the portrait's triplanes went out, then stop it.
        var fed = TimeSpan.Zero;
        while (!RenderedFromTriplanes(control))
        {
            Assert.True(waited.Elapsed < Deadline, "no frame rendered from triplanes");
            fed += TimeSpan.FromMilliseconds(33.3);
            session.Receive(portrait, fed);
            await Task.Delay(100);
        }
        var lastCamera = await DrainUntilAsync(session, fed, waited);
        Assert.Equal(0, watcher.Count);

        // The viewer leans 20 cm to the right: one pose, no camera frame.
        using var cameraFrames = new InstrumentCount(host.Metrics.FramesSent);
        using var poseFrames = new InstrumentCount(host.Metrics.PoseFramesSent);
        var pose = new ViewerPose(new System.Numerics.Vector3(0.2f, 0, 0), System.Numerics.Quaternion.Identity, 4321.5, Stopwatch.GetTimestamp());
        control.SetPose(pose);
        var (width, height, captureTime) = await ReadSentAsync(session, waited);
        Assert.Equal((2 * Size, Size), (width, height));
        Assert.True(captureTime > lastCamera.CaptureTime, $"pose frame stamped {captureTime} after the last camera frame's {lastCamera.CaptureTime}");

        var posed = await watcher.NextAsync(waited);
        Assert.Equal((0.0, 1.0), (cameraFrames.Sum, poseFrames.Sum));
        Assert.Equal(pose.TimestampMs, posed.PoseTimestampMs);
        Assert.Equal(unchecked((uint)OutgoingRtpClock.Ticks(captureTime)), posed.RtpTimestamp);
        Assert.Equal(0.2, posed.Camera[0], 3);
        Assert.Equal(0, posed.Camera[1], 3);
        Assert.True(posed.PoseToPhotonMs > 0);
        // Where its time went: a pose-only frame, each part measured, together the pose-to-photon reported.
        var parts = Assert.IsType<PoseLatencyParts>(posed.Parts);
        Assert.Equal("pose", parts.Frame);
        Assert.All(new[] { parts.WaitMs, parts.RenderMs, parts.HandOverMs, parts.SendMs }, ms => Assert.True(ms >= 0, $"part {ms} ms"));
        Assert.True(parts.RenderMs > 0);
        Assert.Equal(posed.PoseToPhotonMs, parts.WaitMs + parts.RenderMs + parts.HandOverMs + parts.SendMs, 0.1);

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
    }

    private static bool RenderedFromTriplanes(SessionControl control) =>
        control.Statistics.Snapshot("cpu", "relief", control.Quality, null, false) is { Passthrough: false, Face: "tracking" };

    // The pipeline has sent the last frame fed (latest-frame-wins never drops the newest): nothing is on its way.
    private static async Task<(int Width, int Height, TimeSpan CaptureTime)> DrainUntilAsync(InMemoryMediaSession session, TimeSpan last, Stopwatch waited)
    {
        while (true)
        {
            var sent = await ReadSentAsync(session, waited);
            if (sent.CaptureTime == last)
            {
                return sent;
            }
        }
    }

    private static async Task<(int Width, int Height, TimeSpan CaptureTime)> ReadSentAsync(InMemoryMediaSession session, Stopwatch waited) =>
        await session.Sent.ReadAsync().AsTask().WaitAsync(Deadline - waited.Elapsed);

    private sealed class PosedFrameWatcher : ISessionWatcher
    {
        private readonly Channel<PosedFrame> _frames = Channel.CreateUnbounded<PosedFrame>();

        public int Count => _frames.Reader.Count;

        public async Task<PosedFrame> NextAsync(Stopwatch waited) =>
            await _frames.Reader.ReadAsync().AsTask().WaitAsync(Deadline - waited.Elapsed);

        public void OnStats(StreamStats stats)
        {
        }

        public void OnPosedFrame(PosedFrame frame) => _frames.Writer.TryWrite(frame);

        public void OnEnded(string sessionId, string reason, bool byItself)
        {
        }
    }
}
