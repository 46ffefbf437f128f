using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;
using PortraitStream.Tests.Support;
using Xunit.Abstractions;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// The Vulkan live kernels against the CPU live sampler on the same requests and settings: PSNR ≥ 40 dB over RGBA, on
/// an opaque textured relief (deferred shading, silhouettes, seeded marches) and a random semi-transparent field (every
/// pixel marched), at several views and sizes, geometry divisors 1 and 2, and in side-by-side stereo.
/// </summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanLiveTests(VulkanDeviceFixture fixture, ITestOutputHelper output)
{
    private const double MinPsnr = 40;
    private const double MaxDepthError = 0.01;

    [VulkanTheory]
    [InlineData(0f, 0f, 64, 2)]
    [InlineData(25f, -10f, 96, 2)]
    [InlineData(-40f, 20f, 72, 1)]
    [InlineData(60f, 5f, 50, 2)]
    [InlineData(10f, 30f, 40, 3)]
    public void Relief_MatchesCpuLiveSampler(float yaw, float pitch, int size, int divisor) =>
        AssertParity(ReliefScene.Triplanes(), ReliefScene.Decoder(), new CameraView(yaw, pitch), size, new LiveSampling { GeometryDivisor = divisor });

    /// <summary>
    /// A slab with the relief's skin, turned: the kernels place the band where the CPU does, and their depth lies on a
    /// plane wherever the march lattice falls (Live.LiveSamplerTests.SkinnedSlabDepth_LiesOnAPlane_WhereverTheLatticeFalls).
    /// </summary>
    [VulkanFact]
    public void SkinnedSlab_MatchesCpuLiveSampler_AndLiesOnAPlane()
    {
        const int size = 128;
        var picture = AssertParity(AnalyticTriplanes.Slab(0f, 0.1f), OccupancyDecoder.Skin(5e4f), new CameraView(30f, 0f), size, LiveSampling.Default);

        float step = RenderingConfig.Eg3dFfhq.BoxWarp / LiveSampling.Default.MarchResolution;
        double residual = PlaneFit.RootMeanSquareResidual(picture, RenderingConfig.Eg3dFfhq.FocalLength * size, size / 4, 3 * size / 4);
        Assert.True(residual < 0.015 * step, $"depth {residual / step:0.000} march steps off the plane (RMS)");
    }

    /// <summary>Side-by-side stereo: both eyes' dispatches in one submission, the whole left | right frame compared.</summary>
    [VulkanTheory]
    [InlineData(0f, 0f, 64, 63f)]
    [InlineData(25f, -10f, 72, 45f)]
    public void Relief_InStereo_MatchesCpuLiveSampler(float yaw, float pitch, int size, float ipd) =>
        AssertParity(ReliefScene.Triplanes(), ReliefScene.Decoder(), new CameraView(yaw, pitch), size, LiveSampling.Default, new StereoRig(ipd));

    [VulkanTheory]
    [InlineData(0f, 0f, 48, 2)]
    [InlineData(35f, 20f, 40, 1)]
    [InlineData(-50f, -15f, 56, 2)]
    public void SemiTransparentField_MatchesCpuLiveSampler(float yaw, float pitch, int size, int divisor) =>
        AssertParity(RandomScene.Triplanes(), RandomScene.Decoder(), new CameraView(yaw, pitch), size, new LiveSampling { GeometryDivisor = divisor });

    /// <summary>Other settings: a coarse grid, a fine march, more band parts (pipelines re-specialised).</summary>
    [VulkanFact]
    public void Sphere_WithOtherSettings_MatchesCpuLiveSampler() =>
        AssertParity(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), new CameraView(30f, 10f), 64,
            new LiveSampling { GridResolution = 16, MarchResolution = 160, BandSubdivisions = 5, GeometryDivisor = 2 });

    [VulkanTheory]
    [InlineData(0f, 0f)]
    [InlineData(-80f, 60f)]
    public void EmptyScene_IsBackground(float yaw, float pitch)
    {
        var request = new RenderRequest(AnalyticTriplanes.Empty(), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq, new CameraView(yaw, pitch), 40, 40)
        {
            Live = LiveSampling.Default,
        };
        var target = RenderTarget.Allocate(40, 40, withDepth: true);
        Array.Fill(target.Rgba, (byte)7);
        using (var renderer = new VulkanVolumeRenderer(fixture.Device))
        {
            renderer.Render(request, target);
        }

        Assert.All(target.Rgba, value => Assert.Equal(0, value));
        Assert.All(target.Depth!, depth => Assert.Equal(float.PositiveInfinity, depth));
    }

    [VulkanTheory]
    [InlineData(0, 96, 3, 2, "grid resolution 0")]
    [InlineData(32, 1, 3, 2, "march resolution 1")]
    [InlineData(32, 96, 0, 2, "band subdivisions 0")]
    [InlineData(32, 96, 3, 9, "geometry divisor 9")]
    [InlineData(129, 96, 3, 2, "grid resolution 129")]
    public void BadSettings_AreRefusedAsOnTheCpu(int grid, int march, int band, int divisor, string expected)
    {
        var settings = new LiveSampling { GridResolution = grid, MarchResolution = march, BandSubdivisions = band, GeometryDivisor = divisor };
        var request = new RenderRequest(AnalyticTriplanes.Empty(), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq, CameraView.Front, 16, 16) { Live = settings };
        using var renderer = new VulkanVolumeRenderer(fixture.Device);

        var error = Assert.Throws<ArgumentException>(() => renderer.Render(request, RenderTarget.Allocate(16, 16)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        var cpuError = Assert.Throws<ArgumentException>(() => new CpuVolumeRenderer().Render(request, RenderTarget.Allocate(16, 16)));
        Assert.Equal(cpuError.Message, error.Message);
    }

    /// <summary>
    /// Relief v2's ZX plane is all zeros, and the kernels leave such a plane unsampled (so does the CPU renderer): the
    /// relief scene's third plane is one. The next field through the same renderer, that plane filled (a red shift),
    /// must be sampled in full: the skipped planes are the uploaded field's, not the first one's.
    /// </summary>
    [VulkanFact]
    public void PlaneOfZeros_IsSkipped_AndTheNextFieldWithItFilled_IsSampledInFull()
    {
        var zeros = ReliefScene.Triplanes();
        var filled = ReliefScene.Triplanes();
        Assert.True(zeros.IsZeroPlane(2));
        filled.Channel(2, 1).Fill(0.5f);
        using var renderer = new VulkanVolumeRenderer(fixture.Device);
        var first = AssertParity(zeros, ReliefScene.Decoder(), new CameraView(20f, 5f), 64, LiveSampling.Default, renderer: renderer);
        var second = AssertParity(filled, ReliefScene.Decoder(), new CameraView(20f, 5f), 64, LiveSampling.Default, renderer: renderer);
        Assert.True(ImageCompare.Psnr(first.Rgba, second.Rgba) < 30, "filling the third plane did not change the picture");
    }

    /// <summary>Renders on both and compares; <paramref name="renderer"/>: a Vulkan renderer to reuse (else a new one). Returns the Vulkan picture.</summary>
    private RenderTarget AssertParity(Triplanes planes, DecoderWeights decoder, CameraView view, int size, LiveSampling live, StereoRig? stereo = null,
        VulkanVolumeRenderer? renderer = null)
    {
        var request = new RenderRequest(planes, decoder, RenderingConfig.Eg3dFfhq, view, size, size) { Live = live, Stereo = stereo };
        var reference = RenderTarget.Allocate(request.TargetWidth, size, withDepth: true);
        new CpuVolumeRenderer().Render(request, reference);
        var actual = RenderTarget.Allocate(request.TargetWidth, size, withDepth: true);
        if (renderer is not null)
        {
            renderer.Render(request, actual);
        }
        else
        {
            using var own = new VulkanVolumeRenderer(fixture.Device);
            own.Render(request, actual);
        }

        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        var (depthError, opaque) = ImageCompare.DepthError(actual, reference, minAlpha: 128);
        int hit = 0;
        for (int i = 3; i < reference.Rgba.Length; i += 4) hit += reference.Rgba[i] > 0 ? 1 : 0;
        output.WriteLine($"PSNR {psnr:0.00} dB; {hit} of {reference.Width * size} pixels hit, {opaque} opaque, depth error {depthError:P3}");
        if (stereo is not null)
        {
            // Two viewpoints, not one picture twice.
            var (left, right) = Live.StereoRenderTests.Halves(actual);
            Assert.True(ImageCompare.Psnr(left.Rgba, right.Rgba) < MinPsnr, "the eyes' pictures are nearly identical");
        }
        Assert.True(hit > 0, "the reference rendered nothing");
        Assert.True(psnr >= MinPsnr, $"PSNR {psnr:0.0} dB < {MinPsnr} dB");
        Assert.True(opaque == 0 || depthError <= MaxDepthError, $"depth differs by {depthError:P2} on opaque pixels");
        return actual;
    }
}
