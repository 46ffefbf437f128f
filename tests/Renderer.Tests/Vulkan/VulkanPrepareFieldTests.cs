using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;
using PortraitStream.Tests.Support;
using Xunit.Abstractions;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// Issue #15's pose-to-photon on the GPU: <see cref="VulkanVolumeRenderer.PrepareField"/> uploads and repacks the field
/// and builds the live occupancy grid in its own submission, and a render of the same field after it
/// (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>: the camera frame, then its viewer pose frames) records only its
/// live (or render) kernel — counted by the renderer where it uploads and dispatches
/// (<see cref="VulkanVolumeRenderer.LastFrameWork"/>), not timed. The kept field must give the bytes a full render
/// gives, the pose frame must still match the CPU's, and a request naming another field must never get the old one's
/// planes or grid.
/// </summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanPrepareFieldTests(VulkanDeviceFixture fixture, ITestOutputHelper output)
{
    private const int Size = 64;
    private const double MinPsnr = 40;
    private static readonly CameraView Camera = new(8f, 4f);
    private static readonly CameraView Moved = new(10f, 3f, 1.5f, 1.05f);

    private static RenderRequest CameraFrame(bool live, bool stereo)
    {
        var request = new RenderRequest(ReliefScene.Triplanes(), ReliefScene.Decoder(), RenderingConfig.Eg3dFfhq, Camera, Size, Size)
        {
            Stereo = stereo ? StereoRig.Default : null,
            Seed = 3,
        };
        return live ? request with { Live = LiveSampling.ForOutput(Size) } : request with { Samples = new SampleCounts(16, 16) };
    }

    /// <summary>The viewer pose frame that follows <paramref name="camera"/>: same field, new pose, live's coarser geometry.</summary>
    private static RenderRequest PoseFrame(RenderRequest camera) =>
        camera with
        {
            View = Moved,
            SameFieldAsPreviousFrame = true,
            Live = camera.Live is null ? null : LiveSampling.ForPoseFrame(Size),
        };

    private static RenderTarget Render(IVolumeRenderer renderer, RenderRequest request)
    {
        var target = RenderTarget.Allocate(request.TargetWidth, request.Height, withDepth: true);
        renderer.Render(request, target);
        return target;
    }

    [VulkanTheory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void PoseFrame_AfterPrepareField_SkipsTheFieldWork_AndRendersTheFullRendersBytes(bool live, bool stereo)
    {
        var camera = CameraFrame(live, stereo);
        using var prepared = new VulkanVolumeRenderer(fixture.Device);
        using var full = new VulkanVolumeRenderer(fixture.Device);
        string kernel = live ? "live" : "render";

        prepared.PrepareField(camera);
        var prepare = prepared.LastPrepareWork;
        var cameraPicture = Render(prepared, camera with { SameFieldAsPreviousFrame = true });
        var cameraWork = prepared.LastFrameWork;
        var posePicture = Render(prepared, PoseFrame(camera));
        var poseWork = prepared.LastFrameWork;
        output.WriteLine($"prepare: {prepare}; camera frame: {cameraWork}; pose frame: {poseWork}");

        Assert.Equal((1, 1, 1, 1), (prepare.Submissions, prepare.PlaneUploads, prepare.DecoderUploads, prepare.DispatchesOf("pack")));
        Assert.Equal(live ? (1, 1) : (0, 0), (prepare.DispatchesOf("live_corners"), prepare.DispatchesOf("live_cells")));
        Assert.Equal(0, prepare.DispatchesOf(kernel));
        foreach (var work in new[] { cameraWork, poseWork })
        {
            // One submission with the view's kernel once per eye, and none of the field's work.
            Assert.Equal((1, 0, 0), (work.Submissions, work.PlaneUploads, work.DecoderUploads));
            Assert.Equal((0, 0, 0), (work.DispatchesOf("pack"), work.DispatchesOf("live_corners"), work.DispatchesOf("live_cells")));
            Assert.Equal(camera.Views, work.DispatchesOf(kernel));
        }

        // The same requests on a renderer that uploads and builds everything in the frame's own submission.
        var cameraFull = Render(full, camera);
        var poseFull = Render(full, PoseFrame(camera) with { SameFieldAsPreviousFrame = false });
        Assert.Equal(1, full.LastFrameWork.PlaneUploads);
        Assert.Equal(cameraFull.Rgba, cameraPicture.Rgba);
        Assert.Equal(cameraFull.Depth, cameraPicture.Depth);
        Assert.Equal(poseFull.Rgba, posePicture.Rgba);
        Assert.Equal(poseFull.Depth, posePicture.Depth);

        // And the pose frame is still the CPU's picture at that pose.
        var cpu = Render(new CpuVolumeRenderer(), PoseFrame(camera) with { SameFieldAsPreviousFrame = false });
        double psnr = ImageCompare.Psnr(posePicture.Rgba, cpu.Rgba);
        output.WriteLine($"pose frame against the CPU: PSNR {psnr:0.0} dB");
        Assert.True(psnr >= MinPsnr, $"PSNR {psnr:0.0} dB < {MinPsnr} dB");
    }

    /// <summary>A render that claims the prepared field but names other triplanes uploads them and rebuilds the grid:
    /// its picture is the other field's, byte for byte, never the prepared one's.</summary>
    [VulkanTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void PrepareField_ThenAnotherField_RendersTheOtherField(bool live)
    {
        var camera = CameraFrame(live, stereo: false);
        var other = camera with { Triplanes = AnalyticTriplanes.Sphere(0.25f, (0.05f, 0f, 0.02f)), Decoder = OccupancyDecoder.Create() };
        using var prepared = new VulkanVolumeRenderer(fixture.Device);
        using var fresh = new VulkanVolumeRenderer(fixture.Device);

        prepared.PrepareField(camera);
        var claimed = Render(prepared, other with { SameFieldAsPreviousFrame = true });
        var work = prepared.LastFrameWork;
        var expected = Render(fresh, other);

        output.WriteLine($"other field after PrepareField: {work}");
        Assert.Equal((1, 1), (work.PlaneUploads, work.DispatchesOf("pack")));
        Assert.Equal(live ? 1 : 0, work.DispatchesOf("live_cells"));
        Assert.Equal(expected.Rgba, claimed.Rgba);
        Assert.Equal(expected.Depth, claimed.Depth);
    }

    /// <summary>
    /// The grid remembers the field generation it was built on: after a render that uploads another field with the
    /// very same grid settings (box, bias, resolution), a pose frame of that field rebuilds nothing yet must not walk
    /// the prepared field's grid, and a later PrepareField of the first field uploads it and builds its grid again.
    /// </summary>
    [VulkanFact]
    public void Grid_BuiltOnAnEarlierField_IsNeverReused()
    {
        var first = CameraFrame(live: true, stereo: false);
        var second = first with { Triplanes = AnalyticTriplanes.Sphere(0.25f, (0.05f, 0f, 0.02f)), Decoder = OccupancyDecoder.Create() };
        using var renderer = new VulkanVolumeRenderer(fixture.Device);
        using var fresh = new VulkanVolumeRenderer(fixture.Device);

        renderer.PrepareField(first);
        Render(renderer, second);
        Assert.Equal((1, 1), (renderer.LastFrameWork.PlaneUploads, renderer.LastFrameWork.DispatchesOf("live_cells")));
        var pose = Render(renderer, PoseFrame(second));
        Assert.Equal((0, 0), (renderer.LastFrameWork.PlaneUploads, renderer.LastFrameWork.DispatchesOf("live_cells")));
        Assert.Equal(Render(fresh, PoseFrame(second) with { SameFieldAsPreviousFrame = false }).Rgba, pose.Rgba);

        renderer.PrepareField(first);
        Assert.Equal((1, 1), (renderer.LastPrepareWork.PlaneUploads, renderer.LastPrepareWork.DispatchesOf("live_cells")));
        renderer.PrepareField(first with { SameFieldAsPreviousFrame = true });
        Assert.Equal(0, renderer.LastPrepareWork.Submissions);
    }
}
