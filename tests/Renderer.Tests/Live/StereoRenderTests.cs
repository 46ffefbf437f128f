using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Live;

/// <summary>
/// Side-by-side stereo on the CPU, both samplers: a disc facing the camera at a known depth lands in each half where the
/// eyes' geometry puts it (disparity focal · IPD · (1/Z − 1/Z_c), Z_c the look-at depth, within 0.5 px), nearer than
/// the look-at point further right in the left eye; the layout is left | right, each the request's size.
/// </summary>
public sealed class StereoRenderTests
{
    private const int Size = 128;

    /// <summary>The default camera sits at z = 2.7 looking at z = 0.2 along −z: depth Z = 2.7 − z.</summary>
    private const float CameraZ = 2.7f;

    [Theory]
    [InlineData(0.35f, 63f, true)]
    [InlineData(-0.3f, 63f, true)]
    [InlineData(0.2f, 63f, true)]
    [InlineData(0.3f, 80f, true)]
    [InlineData(0.35f, 63f, false)]
    [InlineData(-0.3f, 45f, false)]
    public void DiscAtKnownDepth_HasThePredictedDisparity(float discZ, float ipd, bool live)
    {
        var rendering = RenderingConfig.Eg3dFfhq;
        var target = RenderStereo(AnalyticTriplanes.Disc(0.15f, discZ, 0.02f), new StereoRig(ipd), live);
        var (left, right) = Halves(target);

        var (leftX, leftY) = RenderHarness.CoveredCentroid(left);
        var (rightX, rightY) = RenderHarness.CoveredCentroid(right);
        float focalPixels = rendering.FocalLength * Size;
        float convergence = CameraZ - rendering.LookAt.Z;
        double expected = focalPixels * new StereoRig(ipd).IpdWorld * (1.0 / (CameraZ - discZ) - 1.0 / convergence);
        Assert.InRange(leftX - rightX, expected - 0.5, expected + 0.5);
        Assert.InRange(leftY - rightY, -0.1, 0.1); // parallel axes: no vertical disparity
        // The near eye's side: in front of the look-at point the left eye sees the disc right of where the right eye does.
        if (Math.Abs(expected) > 1) Assert.Equal(discZ > rendering.LookAt.Z, leftX > rightX);
    }

    /// <summary>
    /// A rolled camera (a viewer's tilted head, <c>ViewerWindow</c>) moves its eyes along its rolled right axis: read
    /// in the world through the camera's axes (as the viewer's quad shows the picture), the disc's disparity is
    /// horizontal with no roll and vertical at ±90°, of the same size.
    /// </summary>
    [Theory]
    [InlineData(0f)]
    [InlineData(90f)]
    [InlineData(-90f)]
    public void RolledCamera_TurnsTheDisparityWithIt(float rollDegrees)
    {
        const float discZ = 0.35f;
        var rendering = RenderingConfig.Eg3dFfhq;
        var request = Request(AnalyticTriplanes.Disc(0.15f, discZ, 0.02f), StereoRig.Default, live: true) with { View = new CameraView(0f, 0f, rollDegrees) };
        var target = RenderTarget.Allocate(request.TargetWidth, Size, withDepth: true);
        new CpuVolumeRenderer().Render(request, target);
        var (left, right) = Halves(target);

        var (leftX, leftY) = RenderHarness.CoveredCentroid(left);
        var (rightX, rightY) = RenderHarness.CoveredCentroid(right);
        var pose = request.CameraFor(0).Pose;
        var world = (float)(leftX - rightX) * pose.Right + (float)(leftY - rightY) * pose.Down;
        double expected = rendering.FocalLength * Size * StereoRig.Default.IpdWorld * (1.0 / (CameraZ - discZ) - 1.0 / (CameraZ - rendering.LookAt.Z));
        bool upright = rollDegrees == 0f;
        Assert.InRange(MathF.Abs(upright ? world.X : world.Y), expected - 0.5, expected + 0.5);
        Assert.InRange(upright ? world.Y : world.X, -0.1, 0.1);
    }

    [Fact]
    public void Layout_IsLeftThenRight_EachTheRequestsSize()
    {
        var planes = AnalyticTriplanes.Disc(0.15f, 0.3f, 0.02f);
        var request = Request(planes, StereoRig.Default, live: true);
        Assert.Equal(2 * Size, request.TargetWidth);
        var mono = RenderTarget.Allocate(Size, Size);
        var error = Assert.Throws<ArgumentException>(() => new CpuVolumeRenderer().Render(request, mono));
        Assert.Contains($"request is {2 * Size}×{Size}", error.Message, StringComparison.Ordinal);

        var target = RenderStereo(planes, StereoRig.Default, live: true);
        var (left, right) = Halves(target);
        // The left eye sits left of the mono camera: the near disc moves right in its picture, left in the right eye's.
        var (monoX, _) = RenderHarness.CoveredCentroid(RenderHarness.Render(planes, OccupancyDecoder.Create(), CameraView.Front, Size, live: LiveSampling.Default));
        Assert.True(RenderHarness.CoveredCentroid(left).X > monoX + 0.5);
        Assert.True(RenderHarness.CoveredCentroid(right).X < monoX - 0.5);
        Assert.All(target.Depth!, d => Assert.True(d > 0f));
    }

    [Fact]
    public void IpdOutOfRange_IsRefusedBeforeAnyWork()
    {
        var request = Request(AnalyticTriplanes.Empty(), new StereoRig(120f), live: true);
        var error = Assert.Throws<ArgumentException>(() => new CpuVolumeRenderer().Render(request, RenderTarget.Allocate(2 * Size, Size)));
        Assert.Equal("stereo: IPD 120 mm is outside 40…80 mm", error.Message);
    }

    internal static RenderRequest Request(Triplanes planes, StereoRig rig, bool live) =>
        new(planes, OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq, CameraView.Front, Size, Size)
        {
            Stereo = rig,
            Live = live ? LiveSampling.Default : null,
        };

    private static RenderTarget RenderStereo(Triplanes planes, StereoRig rig, bool live)
    {
        var request = Request(planes, rig, live);
        var target = RenderTarget.Allocate(request.TargetWidth, Size, withDepth: true);
        new CpuVolumeRenderer().Render(request, target);
        return target;
    }

    /// <summary>The two eyes' pictures of a side-by-side target.</summary>
    internal static (RenderTarget Left, RenderTarget Right) Halves(RenderTarget target)
    {
        int width = target.Width / 2;
        var halves = new[] { RenderTarget.Allocate(width, target.Height, true), RenderTarget.Allocate(width, target.Height, true) };
        for (int eye = 0; eye < 2; eye++)
        {
            for (int y = 0; y < target.Height; y++)
            {
                target.Rgba.AsSpan(4 * (y * target.Width + eye * width), 4 * width).CopyTo(halves[eye].Rgba.AsSpan(4 * y * width));
                target.Depth.AsSpan(y * target.Width + eye * width, width).CopyTo(halves[eye].Depth.AsSpan(y * width));
            }
        }
        return (halves[0], halves[1]);
    }
}
