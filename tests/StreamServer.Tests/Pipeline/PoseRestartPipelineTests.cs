using System.Diagnostics;
using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// Issue #15, pose-to-photon: while the camera streams and a viewer sends a pose every 11 ms (a 90 Hz headset leaning
/// side to side), camera renders are restarted at newer poses (<c>PoseRestart</c>), camera frames keep coming, and
/// every frame reports the pose it was rendered at: the eyes' position it was rendered from is the one that pose's
/// timestamp was sent with. Real ONNX Runtime, CPU renderer and default model through the server's own composition,
/// against an in-memory media session.
/// </summary>
public sealed class PoseRestartPipelineTests
{
    private const int Size = 128;
    private const int CameraFramesWanted = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    // The head's sideways position (m) for the pose sent at a timestamp: ±8 cm, so the view range never clamps it.
    private static float Lean(double timestampMs) => 0.08f * MathF.Sin((float)(timestampMs / 250));

    [Fact]
    public async Task PosesStreamingDuringCameraFrames_RestartRenders_CameraFramesKeepComing_EachFrameReportsItsPose()
    {
        await using var host = InMemoryPipelineHost.Create();
        var session = new InMemoryMediaSession("pose-restart");
        var record = host.Registry.For(session);
        var control = record.Control;
        control.Quality = new RenderQuality(Size, SamplerQuality.Live, 0);
        control.Stereo = new StereoRig(StereoRig.DefaultIpdMillimetres);
        var watcher = new PosedFrameWatcher();
        record.Watch(watcher);
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
        while (firstRestartFrames is null || cameraFrames.Sum < firstRestartFrames + CameraFramesWanted)
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
}
