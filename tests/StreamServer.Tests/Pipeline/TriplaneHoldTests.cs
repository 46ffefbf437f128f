using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

public sealed class TriplaneHoldTests
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(2);
    private static readonly TriplaneLayout Layout = new(1, 2, PlaneAxes.Eg3d);
    private readonly TriplanePool _pool = new();

    /// <summary>A frame with triplanes (a face was encoded) or without (no face); the bundle plays no part here.</summary>
    private AnalysedFrame Frame(bool withTriplanes, TimeSpan time) => new(
        new CameraFrame(new RgbImage(2, 2), time, FrameTimings.Start()), null!,
        withTriplanes ? FaceTrackState.Tracking : FaceTrackState.NoFace,
        withTriplanes ? _pool.Rent(Layout) : null, default, FrameTimings.Start());

    [Fact]
    public void FaceFrame_IsItsOwnSource_AndIsHeld()
    {
        using var hold = new TriplaneHold(Keep);
        var frame = Frame(true, TimeSpan.Zero);
        Assert.Same(frame, hold.Source(frame, TimeSpan.Zero));
        Assert.True(hold.Holds(frame));
    }

    [Fact]
    public void NoFace_RendersTheLastTriplanesForTheKeepTime_ThenPassesThrough()
    {
        using var hold = new TriplaneHold(Keep);
        var face = Frame(true, TimeSpan.Zero);
        hold.Source(face, TimeSpan.Zero);

        var soon = Frame(false, TimeSpan.FromSeconds(1));
        Assert.Same(face, hold.Source(soon, TimeSpan.FromSeconds(1)));
        Assert.False(hold.Holds(soon));

        Assert.Null(hold.Source(Frame(false, TimeSpan.FromSeconds(3)), TimeSpan.FromSeconds(3)));
        Assert.Null(new TriplaneHold(Keep).Source(Frame(false, TimeSpan.Zero), TimeSpan.Zero));
    }

    [Fact]
    public void NewFace_ReplacesTheHeldFrame_AndReturnsItsTriplanesToThePool()
    {
        using var hold = new TriplaneHold(Keep);
        var first = Frame(true, TimeSpan.Zero);
        var planes = first.Triplanes!.Triplanes;
        hold.Source(first, TimeSpan.Zero);
        var second = Frame(true, TimeSpan.FromSeconds(0.1));
        Assert.Same(second, hold.Source(second, TimeSpan.FromSeconds(0.1)));
        Assert.False(hold.Holds(first));

        using var reused = _pool.Rent(Layout);
        Assert.Same(planes, reused.Triplanes);
    }
}
