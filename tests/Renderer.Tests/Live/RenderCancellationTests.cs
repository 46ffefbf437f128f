using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Tests.Support;

namespace PortraitStream.Renderer.Tests.Live;

/// <summary>
/// A render stopped part-way (<see cref="RenderRequest.Cancellation"/>: a camera frame a newer viewer pose restarts,
/// issue #15) throws and leaves the CPU renderer ready for the restart: the restart at the new pose, keeping the field
/// the stopped attempt loaded (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>), is that pose's own picture, never
/// a stale or half-updated one.
/// </summary>
public sealed class RenderCancellationTests
{
    private const int Size = 128;
    private static readonly CameraView Camera = new(8f, 4f);
    private static readonly CameraView Moved = new(10f, 3f, 1.5f, 1.05f);

    private static RenderRequest Request(Triplanes planes, CameraView view) =>
        new(planes, ReliefScene.Decoder(), RenderingConfig.Eg3dFfhq, view, Size, Size)
        {
            Live = LiveSampling.ForOutput(Size),
            FollowsPreviousFrame = true,
            Stereo = StereoRig.Default,
        };

    private static RenderTarget Render(CpuVolumeRenderer renderer, RenderRequest request)
    {
        var target = RenderTarget.Allocate(request.TargetWidth, request.Height, withDepth: true);
        renderer.Render(request, target);
        return target;
    }

    /// <summary>Stopped before its first row: nothing of it shows in the next render, to the byte.</summary>
    [Fact]
    public void StoppedBeforeItBegan_TheRestartIsTheSameBytesAsNeverStarted()
    {
        var previous = Request(ReliefScene.Triplanes(), Camera);
        var stopped = new CpuVolumeRenderer();
        var plain = new CpuVolumeRenderer();
        Render(stopped, previous);
        Render(plain, previous);
        var frame = previous with { Triplanes = ReliefScene.Triplanes() };

        Assert.ThrowsAny<OperationCanceledException>(() => Render(stopped, frame with { Cancellation = new CancellationToken(true) }));
        var restarted = Render(stopped, frame with { View = Moved, SameFieldAsPreviousFrame = true });
        var rendered = Render(plain, frame with { View = Moved });

        Assert.Equal(rendered.Rgba, restarted.Rgba);
        Assert.Equal(rendered.Depth, restarted.Depth);
    }

    /// <summary>
    /// Stopped part-way through a large frame: the restart at the new pose matches a fresh render of that pose (what a
    /// stopped eye left behind may only seed where marches start, checked per ray).
    /// </summary>
    [Fact]
    public void StoppedPartWay_TheRestartIsTheNewPosesOwnPicture()
    {
        var renderer = new CpuVolumeRenderer();
        Render(renderer, Request(ReliefScene.Triplanes(), Camera));
        var frame = Request(ReliefScene.Triplanes(), Camera);
        var large = frame with { Width = 4 * Size, Height = 4 * Size, Live = LiveSampling.ForOutput(4 * Size) };
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(5));
        Assert.ThrowsAny<OperationCanceledException>(() => Render(renderer, large with { Cancellation = stop.Token }));

        var restarted = Render(renderer, large with { View = Moved, SameFieldAsPreviousFrame = true });
        var fresh = Render(new CpuVolumeRenderer(), large with { View = Moved, FollowsPreviousFrame = false });

        Assert.InRange(ImageCompare.Psnr(restarted.Rgba, fresh.Rgba), 45.0, double.PositiveInfinity);
    }
}
