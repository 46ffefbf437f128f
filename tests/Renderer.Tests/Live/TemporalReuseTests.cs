using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Tests.Support;

namespace PortraitStream.Renderer.Tests.Live;

/// <summary>
/// Temporal reuse (<see cref="RenderRequest.FollowsPreviousFrame"/>): a frame that follows another must show its own
/// scene at once, whatever the previous frame held — the seeds only decide where each ray's search starts.
/// </summary>
public sealed class TemporalReuseTests
{
    private const int Size = 64;
    private static readonly DecoderWeights Decoder = OccupancyDecoder.Create();

    public static TheoryData<string> Cuts => ["closer", "farther", "empty", "thin card in front"];

    /// <summary>A cut from a sphere at the origin to another scene: the very next frame equals a fresh render of the new scene.</summary>
    [Theory]
    [MemberData(nameof(Cuts))]
    public void CutToAnotherScene_ShowsTheNewSceneInTheNextFrame(string cut)
    {
        var renderer = new CpuVolumeRenderer();
        var before = AnalyticTriplanes.Sphere(0.3f, (0f, 0f, 0f));
        var after = cut switch
        {
            "closer" => AnalyticTriplanes.Sphere(0.25f, (0f, 0f, 0.2f)),
            "farther" => AnalyticTriplanes.Slab(-0.3f, 0.1f),
            // Empty space where the sphere's seeds land, behind a card nearer than the old surface.
            "thin card in front" => AnalyticTriplanes.Disc(0.15f, 0.42f, 0.02f),
            _ => AnalyticTriplanes.Empty(),
        };
        Render(renderer, before, CameraView.Front, follows: false);
        var followed = Render(renderer, after, CameraView.Front, follows: true);
        var fresh = Render(new CpuVolumeRenderer(), after, CameraView.Front, follows: false);

        AssertSamePicture(fresh, followed);
    }

    /// <summary>A 40° jump of the view between two frames of the same scene gives the correct frame at once.</summary>
    [Theory]
    [InlineData(40f, 0f)]
    [InlineData(-40f, 20f)]
    public void ViewJump_GivesTheCorrectFrameAtOnce(float yaw, float pitch)
    {
        var renderer = new CpuVolumeRenderer();
        var scene = AnalyticTriplanes.Sphere(0.3f, (0.05f, 0f, 0f));
        Render(renderer, scene, CameraView.Front, follows: false);
        var followed = Render(renderer, scene, new CameraView(yaw, pitch), follows: true);
        var fresh = Render(new CpuVolumeRenderer(), scene, new CameraView(yaw, pitch), follows: false);

        AssertSamePicture(fresh, followed);
    }

    /// <summary>Small steps, as live video makes them: every frame still matches a fresh render of its own view.</summary>
    [Fact]
    public void SmallSteps_MatchFreshRenders()
    {
        var renderer = new CpuVolumeRenderer();
        var scene = AnalyticTriplanes.Sphere(0.3f, (0f, 0.05f, 0f));
        for (int step = 0; step <= 5; step++)
        {
            var view = new CameraView(2f * step, -step);
            var followed = Render(renderer, scene, view, follows: step > 0);
            AssertSamePicture(Render(new CpuVolumeRenderer(), scene, view, follows: false), followed);
        }
    }

    private static RenderTarget Render(CpuVolumeRenderer renderer, Triplanes planes, CameraView view, bool follows)
    {
        var request = new RenderRequest(planes, Decoder, RenderingConfig.Eg3dFfhq, view, Size, Size)
        {
            Live = LiveSampling.Default,
            FollowsPreviousFrame = follows,
        };
        var target = RenderTarget.Allocate(Size, Size, withDepth: true);
        renderer.Render(request, target);
        return target;
    }

    /// <summary>Same coverage and colours (≥ 45 dB), and the same depth to 0.2 % wherever the fresh frame is opaque.</summary>
    private static void AssertSamePicture(RenderTarget fresh, RenderTarget followed)
    {
        double psnr = ImageCompare.Psnr(followed.Rgba, fresh.Rgba);
        Assert.True(psnr >= 45, $"PSNR {psnr:0.0} dB against a fresh render");
        var (worst, _) = ImageCompare.DepthError(followed, fresh, minAlpha: 255);
        Assert.True(worst <= 0.002, $"depth differs by {worst:P2}");
    }
}
