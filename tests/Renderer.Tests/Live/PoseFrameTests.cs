using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Tests.Support;

namespace PortraitStream.Renderer.Tests.Live;

/// <summary>
/// A viewer pose's frame (issue #15, pose-to-photon): the held triplanes re-rendered at a new head pose, cheaper than
/// a camera frame. Keeping the previous frame's field, decoder and occupancy grid
/// (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>) must not change a byte; the coarser geometry grid
/// (<see cref="LiveSampling.ForPoseFrame"/>) must stay a correct render at that pose (≥ 40 dB against the full frame),
/// in stereo and styled too; and the camera frame after a pose frame must still be its own correct picture. A camera
/// frame's field and grid prepared ahead of its render (<see cref="CpuVolumeRenderer.PrepareField"/>, so the live
/// pipeline reads the viewer's pose only after that work) must give the picture the render gives doing it itself.
/// </summary>
public sealed class PoseFrameTests
{
    private const int Size = 128;
    private static readonly CameraView Camera = new(8f, 4f);
    private static readonly CameraView Moved = new(10f, 3f, 1.5f, 1.05f);

    private static RenderRequest Request(Triplanes planes, CameraView view, LiveSampling live) =>
        new(planes, ReliefScene.Decoder(), RenderingConfig.Eg3dFfhq, view, Size, Size)
        {
            Live = live,
            FollowsPreviousFrame = true,
            Stereo = StereoRig.Default,
        };

    private static RenderTarget Render(CpuVolumeRenderer renderer, RenderRequest request)
    {
        var target = RenderTarget.Allocate(request.TargetWidth, request.Height, withDepth: true);
        renderer.Render(request, target);
        return target;
    }

    [Fact]
    public void SameField_KeepsFieldAndGrid_PictureUnchangedToTheByte()
    {
        var planes = ReliefScene.Triplanes();
        var full = Request(planes, Camera, LiveSampling.Default);
        var kept = new CpuVolumeRenderer();
        var loaded = new CpuVolumeRenderer();
        Render(kept, full);
        Render(loaded, full);

        var keeping = Render(kept, full with { View = Moved, SameFieldAsPreviousFrame = true });
        var loading = Render(loaded, full with { View = Moved });

        Assert.Equal(loading.Rgba, keeping.Rgba);
        Assert.Equal(loading.Depth, keeping.Depth);
    }

    /// <summary>A request that claims the previous field but names other triplanes gets its own field: never a stale picture.</summary>
    [Fact]
    public void SameField_WithOtherTriplanes_LoadsThem()
    {
        var full = Request(ReliefScene.Triplanes(), Camera, LiveSampling.Default);
        var other = AnalyticTriplanes.Sphere(0.25f, (0.05f, 0f, 0f));
        var claiming = new CpuVolumeRenderer();
        var honest = new CpuVolumeRenderer();
        Render(claiming, full);
        Render(honest, full);

        var claimed = Render(claiming, full with { Triplanes = other, Decoder = OccupancyDecoder.Create(), SameFieldAsPreviousFrame = true });
        var loaded = Render(honest, full with { Triplanes = other, Decoder = OccupancyDecoder.Create() });

        Assert.Equal(loaded.Rgba, claimed.Rgba);
    }

    [Theory]
    [InlineData(RenderStyle.None)]
    [InlineData(RenderStyle.Toon)]
    public void PoseFrame_IsWithinFortyDecibelsOfTheFullFrameAtThatPose(RenderStyle style)
    {
        var planes = ReliefScene.Triplanes();
        var full = Request(planes, Camera, LiveSampling.ForOutput(Size)) with { Style = style };
        var posed = new CpuVolumeRenderer();
        var reference = new CpuVolumeRenderer();
        Render(posed, full);
        Render(reference, full);

        var poseFrame = Render(posed, full with { View = Moved, Live = LiveSampling.ForPoseFrame(Size), SameFieldAsPreviousFrame = true });
        var fullFrame = Render(reference, full with { View = Moved });

        Assert.Equal(2 * LiveSampling.ForOutput(Size).GeometryDivisor, LiveSampling.ForPoseFrame(Size).GeometryDivisor);
        Assert.InRange(ImageCompare.Psnr(poseFrame.Rgba, fullFrame.Rgba), 40.0, double.PositiveInfinity);
    }

    /// <summary>
    /// The camera frame after a pose frame — the next frame's triplanes (a new object, the face as good as unchanged),
    /// a new view — is seeded from the pose frame's coarser grid and is still its own picture.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CameraFrame_AfterAPoseFrame_MatchesAFreshRender(bool afterPoseFrame)
    {
        var full = Request(ReliefScene.Triplanes(), Camera, LiveSampling.ForOutput(Size));
        var renderer = new CpuVolumeRenderer();
        Render(renderer, full);
        if (afterPoseFrame)
        {
            Render(renderer, full with { View = Moved, Live = LiveSampling.ForPoseFrame(Size), SameFieldAsPreviousFrame = true });
        }

        var camera = full with { Triplanes = ReliefScene.Triplanes(), View = new CameraView(12f, 2f) };
        var followed = Render(renderer, camera);
        var fresh = Render(new CpuVolumeRenderer(), camera with { FollowsPreviousFrame = false });

        Assert.InRange(ImageCompare.Psnr(followed.Rgba, fresh.Rgba), 45.0, double.PositiveInfinity);
    }

    [Fact]
    public void PreparedField_ThenTheViewChosen_SamePictureToTheByte()
    {
        var prepared = new CpuVolumeRenderer();
        var plain = new CpuVolumeRenderer();
        Render(prepared, Request(ReliefScene.Triplanes(), Camera, LiveSampling.Default));
        Render(plain, Request(ReliefScene.Triplanes(), Camera, LiveSampling.Default));

        // The next camera frame's triplanes, prepared with no view known yet (the request's view is not used).
        var next = Request(ReliefScene.Triplanes(), default, LiveSampling.Default);
        prepared.PrepareField(next);
        var afterPrepare = Render(prepared, next with { View = Moved, SameFieldAsPreviousFrame = true });
        var byItself = Render(plain, next with { View = Moved });

        Assert.Equal(byItself.Rgba, afterPrepare.Rgba);
        Assert.Equal(byItself.Depth, afterPrepare.Depth);
    }

    /// <summary>A render that claims the prepared field but names other triplanes gets its own field: never a stale picture.</summary>
    [Fact]
    public void PreparedOtherField_RenderLoadsItsOwn()
    {
        var full = Request(ReliefScene.Triplanes(), Moved, LiveSampling.Default) with { FollowsPreviousFrame = false };
        var renderer = new CpuVolumeRenderer();
        renderer.PrepareField(full with { Triplanes = AnalyticTriplanes.Sphere(0.25f, (0.05f, 0f, 0f)), Decoder = OccupancyDecoder.Create() });

        var claimed = Render(renderer, full with { SameFieldAsPreviousFrame = true });
        var loaded = Render(new CpuVolumeRenderer(), full);

        Assert.Equal(loaded.Rgba, claimed.Rgba);
    }
}
