using System.Diagnostics;
using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// Issue #15, pose-to-photon: with the camera stopped (no new input frames), a viewer pose alone makes the pipeline
/// re-render the held triplanes at that pose and send the frame, stamped after the last camera frame, reported with
/// that RTP timestamp and the pose, at the session's settings (stereo here), counted as a pose-only frame, not a camera frame. Real ONNX Runtime, renderer and default
/// model through the server's own composition, against an in-memory media session. And while the camera streams and a
/// viewer sends a pose every 11 ms (a 90 Hz headset leaning side to side), camera renders are restarted at newer poses
/// (<c>PoseRestart</c>), camera frames keep coming, and every frame reports the pose it was rendered at: the eyes'
/// position it was rendered from is the one that pose's timestamp was sent with.
/// </summary>
public sealed class PoseRerenderPipelineTests
{
    private const int Size = 128;
    private const int CameraFramesAfterRestart = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task CameraStopped_NewPose_SendsAFrameRenderedAtThatPose_AfterTheLastCameraFrame()
    {
        await using var host = InMemoryPipelineHost.Create();
        var (session, control, watcher) = StereoSession(host, "pose-rerender");
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
        var pose = new ViewerPose(new Vector3(0.2f, 0, 0), Quaternion.Identity, 4321.5, Stopwatch.GetTimestamp());
        control.SetPose(pose);
        var (width, height, captureTime) = await ReadSentAsync(session, waited);
        Assert.Equal((2 * Size, Size), (width, height));
        Assert.True(captureTime > lastCamera.CaptureTime, $"pose frame stamped {captureTime} after the last camera frame's {lastCamera.CaptureTime}");

        var posed = await watcher.NextAsync(Deadline - waited.Elapsed);
        Assert.Equal((0.0, 1.0), (cameraFrames.Sum, poseFrames.Sum));
        Assert.Equal(pose.TimestampMs, posed.PoseTimestampMs);
        Assert.Equal(unchecked((uint)OutgoingRtpClock.Ticks(captureTime)), posed.RtpTimestamp);
        Assert.Equal(0.2, posed.Camera[0], 3);
        Assert.Equal(0, posed.Camera[1], 3);
        Assert.True(posed.PoseToPhotonMs > 0);

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
    }

    // The head's sideways position (m) for the pose sent at a timestamp: ±8 cm, so the view range never clamps it.
    private static float Lean(double timestampMs) => 0.08f * MathF.Sin((float)(timestampMs / 250));

    [Fact]
    public async Task PosesStreamingDuringCameraFrames_RestartRenders_CameraFramesKeepComing_EachFrameReportsItsPose()
    {
        await using var host = InMemoryPipelineHost.Create();
        var (session, control, watcher) = StereoSession(host, "pose-restart");
        var portrait = await InMemoryPipelineHost.PortraitAsync();
        using var restarts = new InstrumentCount(host.Metrics.RenderRestarts);
        using var cameraFrames = new InstrumentCount(host.Metrics.FramesSent);

        using var stop = new CancellationTokenSource();
        var run = host.Handler.RunAsync(session, stop.Token);
        var waited = Stopwatch.StartNew();
        var fed = TimeSpan.Zero;
        var timestamp = 0.0;
        var nextCamera = TimeSpan.Zero;
        double? firstRestartFrames = null;
        while (firstRestartFrames is null || cameraFrames.Sum < firstRestartFrames + CameraFramesAfterRestart)
        {
            Assert.True(waited.Elapsed < Deadline,
                $"after {waited.Elapsed}: {restarts.Sum} restarts, {cameraFrames.Sum} camera frames sent");
            if (waited.Elapsed >= nextCamera)
            {
                fed += TimeSpan.FromMilliseconds(33.3);
                session.Receive(portrait, fed);
                nextCamera = waited.Elapsed + TimeSpan.FromMilliseconds(100);
            }
            timestamp += 11.1;
            control.SetPose(new ViewerPose(new Vector3(Lean(timestamp), 0, 0), Quaternion.Identity, timestamp, Stopwatch.GetTimestamp()));
            if (firstRestartFrames is null && restarts.Sum > 0)
            {
                firstRestartFrames = cameraFrames.Sum;
            }
            await Task.Delay(11);
        }

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
        var posed = watcher.TakeAll();
        Assert.NotEmpty(posed);
        Assert.All(posed, frame => Assert.Equal(Lean(frame.PoseTimestampMs), frame.Camera[0], 4));
    }

    /// <summary>A session of <paramref name="host"/> at Size² live, in stereo, and a watcher of its posed frames.</summary>
    private static (InMemoryMediaSession Session, SessionControl Control, PosedFrameWatcher Watcher) StereoSession(InMemoryPipelineHost host, string id)
    {
        var session = new InMemoryMediaSession(id);
        var record = host.Registry.For(session);
        record.Control.Quality = new RenderQuality(Size, SamplerQuality.Live, 0);
        record.Control.Stereo = new StereoRig(StereoRig.DefaultIpdMillimetres);
        var watcher = new PosedFrameWatcher();
        record.Watch(watcher);
        return (session, record.Control, watcher);
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
}
