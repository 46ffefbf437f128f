using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Tests.Support;

namespace PortraitStream.Renderer.Tests.Live;

/// <summary>
/// The live sampler on analytic scenes, where the right picture is known, and against the reference sampler on a
/// random semi-transparent field (no surface at all: weight spread along every ray, as hair or a learned field's haze).
/// </summary>
public sealed class LiveSamplerTests
{
    private const int Size = 64;
    private const float SphereRadius = 0.3f;
    private static readonly LiveSampling Live = LiveSampling.Default;

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(30f, 0f)]
    [InlineData(-25f, 15f)]
    [InlineData(45f, 20f)]
    public void Sphere_CoversTheSamePixelsAsTheReference(float yaw, float pitch)
    {
        var planes = AnalyticTriplanes.Sphere(SphereRadius, (0f, 0f, 0f));
        var view = new CameraView(yaw, pitch);
        var live = RenderHarness.Render(planes, OccupancyDecoder.Create(), view, Size, live: Live);
        var reference = RenderHarness.Render(planes, OccupancyDecoder.Create(), view, Size);

        Assert.InRange(RenderHarness.CoveredPixels(live), RenderHarness.CoveredPixels(reference) - 8, RenderHarness.CoveredPixels(reference) + 8);
    }

    [Theory]
    [InlineData(0.1f, 32, 32)]
    [InlineData(0.1f, 3, 60)]
    [InlineData(-0.15f, 50, 10)]
    [InlineData(0.3f, 20, 40)]
    public void SlabDepth_IsWithinAQuarterPercentOfTheTrueDistance(float front, int x, int y)
    {
        const float halfThickness = 0.1f;
        var rendering = RenderingConfig.Eg3dFfhq;
        var target = RenderHarness.Render(AnalyticTriplanes.Slab(front - halfThickness, halfThickness), OccupancyDecoder.Create(),
            CameraView.Front, Size, rendering, live: Live);

        double focalPixels = rendering.FocalLength * Size;
        double xOffset = (x + 0.5 - 0.5 * Size) / focalPixels, yOffset = (y + 0.5 - 0.5 * Size) / focalPixels;
        double expected = (rendering.CameraRadius - front) * Math.Sqrt(1 + xOffset * xOffset + yOffset * yOffset);
        Assert.Equal(255, RenderHarness.Alpha(target, x, y));
        Assert.InRange(target.Depth![y * Size + x], expected * 0.9975, expected * 1.0025);
    }

    /// <summary>
    /// A slab with the relief's skin (density climbing over about a march step, not a hard step), turned so its depth
    /// changes across the picture: the depth lies on a plane. Where the surface falls between the fixed lattice's
    /// samples must not move it — before the band took in the interval a surface begins late in, the depth stepped
    /// by up to a quarter of a march step in contours, which the styles' normals drew as stripes across a turned cheek.
    /// </summary>
    [Theory]
    [InlineData(30f, 0f)]
    [InlineData(-25f, 10f)]
    public void SkinnedSlabDepth_LiesOnAPlane_WhereverTheLatticeFalls(float yaw, float pitch)
    {
        const int size = 128;
        const float skin = 5e4f;
        var target = RenderHarness.Render(AnalyticTriplanes.Slab(0f, 0.1f), OccupancyDecoder.Skin(skin),
            new CameraView(yaw, pitch), size, live: Live);

        float step = RenderingConfig.Eg3dFfhq.BoxWarp / Live.MarchResolution;
        double residual = PlaneFit.RootMeanSquareResidual(target, RenderingConfig.Eg3dFfhq.FocalLength * size, size / 4, 3 * size / 4);
        Assert.True(residual < 0.015 * step, $"depth {residual / step:0.000} march steps off the plane (RMS)");
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(-80f, 60f)]
    public void EmptyPlanes_GiveBackgroundWithZeroOpacity(float yaw, float pitch)
    {
        var target = RenderHarness.Render(AnalyticTriplanes.Empty(), OccupancyDecoder.Create(), new CameraView(yaw, pitch), 48, live: Live);

        Assert.All(target.Rgba, value => Assert.Equal(0, value));
        Assert.All(target.Depth!, depth => Assert.Equal(float.PositiveInfinity, depth));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    public void ThreadCount_DoesNotChangeTheBytes(int threadsA, int threadsB)
    {
        var (planes, decoder) = (RandomScene.Triplanes(), RandomScene.Decoder());
        var a = RenderHarness.Render(planes, decoder, new CameraView(20f, -10f), 40, threads: threadsA, live: Live);
        var b = RenderHarness.Render(planes, decoder, new CameraView(20f, -10f), 40, threads: threadsB, live: Live);

        Assert.Equal(a.Rgba, b.Rgba);
        Assert.Equal(a.Depth, b.Depth);
    }

    [Fact]
    public void Seed_DoesNotChangeTheLivePicture()
    {
        var (planes, decoder) = (RandomScene.Triplanes(), RandomScene.Decoder());
        var a = RenderHarness.Render(planes, decoder, CameraView.Front, 40, seed: 1, live: Live);
        var b = RenderHarness.Render(planes, decoder, CameraView.Front, 40, seed: 99, live: Live);

        Assert.Equal(a.Rgba, b.Rgba);
    }

    /// <summary>A field with no surface: every ray is soft, so the live sampler marches each pixel and still matches a dense reference.</summary>
    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(30f, -10f)]
    public void SemiTransparentField_MatchesADenseReference(float yaw, float pitch)
    {
        var (planes, decoder) = (RandomScene.Triplanes(), RandomScene.Decoder());
        var view = new CameraView(yaw, pitch);
        var live = RenderHarness.Render(planes, decoder, view, 48, live: Live);
        var reference = Render(planes, decoder, view, 48, new SampleCounts(128, 128));

        Assert.True(ImageCompare.Psnr(live.Rgba, reference.Rgba) >= 35, $"PSNR {ImageCompare.Psnr(live.Rgba, reference.Rgba):0.0} dB");
    }

    [Theory]
    [InlineData(0, 96, 3, 2, "grid resolution 0")]
    [InlineData(32, 1, 3, 2, "march resolution 1")]
    [InlineData(32, 96, 0, 2, "band subdivisions 0")]
    [InlineData(32, 96, 3, 9, "geometry divisor 9")]
    [InlineData(129, 96, 3, 2, "grid resolution 129")]
    public void BadSettings_AreRefusedNamingTheSetting(int grid, int march, int band, int divisor, string expected)
    {
        var settings = new LiveSampling { GridResolution = grid, MarchResolution = march, BandSubdivisions = band, GeometryDivisor = divisor };
        var request = new RenderRequest(AnalyticTriplanes.Empty(), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq, CameraView.Front, 16, 16) { Live = settings };

        var error = Assert.Throws<ArgumentException>(() => new CpuVolumeRenderer().Render(request, RenderTarget.Allocate(16, 16)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static RenderTarget Render(Triplanes planes, DecoderWeights decoder, CameraView view, int size, SampleCounts samples)
    {
        var request = new RenderRequest(planes, decoder, RenderingConfig.Eg3dFfhq, view, size, size) { Samples = samples, Seed = 3 };
        var target = RenderTarget.Allocate(size, size, withDepth: true);
        new CpuVolumeRenderer().Render(request, target);
        return target;
    }
}
