using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Sampling;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Tests.Support;

namespace PortraitStream.Renderer.Tests;

/// <summary>
/// The reference sampler's empty-space skipping and early termination (<see cref="SkippingRayIntegrator"/>, on by
/// default) against the plain EG3D sampler (<see cref="RayIntegrator"/>, <c>SkipEmptySpace = false</c>) on the same
/// requests: the same picture (PSNR ≥ 40 dB over RGBA, depth within 1 % where opaque), the same bytes for any thread
/// count, the same bytes where nothing can be skipped, and a grid whose bound holds.
/// </summary>
public sealed class SkippingRayIntegratorTests
{
    private const double MinPsnr = 40;

    [Theory]
    [InlineData(0f, 0f, 1f, 48, 48)]
    [InlineData(35f, -20f, 1.3f, 48, 48)]
    [InlineData(-60f, 10f, 0.8f, 24, 24)]
    [InlineData(10f, 5f, 1f, 16, 0)]
    public void Sphere_SamePictureAsThePlainSampler(float yaw, float pitch, float zoom, int coarse, int importance) =>
        AssertSamePicture(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(),
            new CameraView(yaw, pitch, Zoom: zoom), new SampleCounts(coarse, importance), 128, minAlpha: 128);

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(20f, -10f)]
    public void Slab_SamePictureAsThePlainSampler(float yaw, float pitch) =>
        AssertSamePicture(AnalyticTriplanes.Slab(0.1f, 0.15f), OccupancyDecoder.Create(), new CameraView(yaw, pitch),
            new SampleCounts(48, 48), 128, minAlpha: 128);

    /// <summary>Dense random features: a translucent fog with no empty space to skip and no opaque ray to stop.</summary>
    [Theory]
    [InlineData(0f, 0f, 0f, 11)]
    [InlineData(35f, 20f, 15f, 12)]
    public void RandomFog_SameBytesAsThePlainSampler(float yaw, float pitch, float roll, int channels)
    {
        var request = Request(RandomScene.Triplanes(channels), RandomScene.Decoder(inputs: channels), new CameraView(yaw, pitch, roll), new SampleCounts(48, 48), 64);
        var (plain, skipping) = RenderBoth(request);
        Assert.Equal(plain.Rgba, skipping.Rgba);
        Assert.Equal(plain.Depth, skipping.Depth);
    }

    /// <summary>
    /// The grid's bound holds: wherever a cell is proven empty, the field's raw σ at random points in it is below the
    /// empty test (checked against the CPU field itself).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DensityBoundGrid_BoundsTheFieldInEveryEmptyCell(bool slab)
    {
        var planes = slab ? AnalyticTriplanes.Slab(0.1f, 0.15f) : AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f));
        var decoder = OccupancyDecoder.Create();
        var rendering = RenderingConfig.Eg3dFfhq;
        var grid = new DensityBoundGrid();
        grid.Build(planes, decoder, rendering, new ParallelOptions());
        var field = new TriplaneField();
        field.Load(planes, rendering.BoxWarp);
        var radiance = new RadianceDecoder();
        radiance.Load(decoder);
        var query = new FieldQuery(field, radiance);
        var scratch = new QueryScratch(64, planes.Layout.Channels, decoder.Hidden);
        var points = new Vector3[64];
        var samples = new RadianceSample[64];
        int checkedPoints = 0;
        for (int round = 0; round < 200; round++)
        {
            for (int i = 0; i < points.Length; i++)
            {
                uint index = (uint)(round * points.Length + i);
                points[i] = (new Vector3(
                    HashRng.Uniform(3, index, HashRng.Sequence.CoarseJitter, 0),
                    HashRng.Uniform(3, index, HashRng.Sequence.CoarseJitter, 1),
                    HashRng.Uniform(3, index, HashRng.Sequence.CoarseJitter, 2)) - new Vector3(0.5f)) * rendering.BoxWarp;
            }
            query.Evaluate(points, samples, scratch);
            for (int i = 0; i < points.Length; i++)
            {
                if (!grid.IsEmpty(points[i])) continue;
                checkedPoints++;
                Assert.True(samples[i].RawDensity < grid.EmptyRawDensity, $"raw σ {samples[i].RawDensity} at {points[i]} in a cell proven below {grid.EmptyRawDensity}");
            }
        }
        Assert.True(checkedPoints > 1000, $"only {checkedPoints} points fell in empty cells");
        Assert.InRange(grid.EmptyFraction, 0.3f, 0.99f);
    }

    /// <summary>
    /// A ray called clear really crosses only empty cells: every point along its segment, a hundredth of a cell apart,
    /// lies in a proven-empty cell — so its samples, wherever they fall, would all have been skipped. Rays through the
    /// sphere and rays that pass it far away both occur.
    /// </summary>
    [Fact]
    public void ClearRays_CrossOnlyEmptyCells()
    {
        var rendering = RenderingConfig.Eg3dFfhq;
        var grid = new DensityBoundGrid();
        grid.Build(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), rendering, new ParallelOptions());
        float step = rendering.BoxWarp / grid.Resolution / 100f;
        int clear = 0, blocked = 0;
        for (uint i = 0; i < 2000; i++)
        {
            Vector3 Random(uint axis) => new(HashRng.Uniform(9, i, HashRng.Sequence.CoarseJitter, axis), HashRng.Uniform(9, i, HashRng.Sequence.CoarseJitter, axis + 3),
                HashRng.Uniform(9, i, HashRng.Sequence.CoarseJitter, axis + 6));
            var ray = new Ray((Random(0) - new Vector3(0.5f)) * 4f, Vector3.Normalize(Random(1) - new Vector3(0.5f)));
            var segment = RaySegment.Clip(ray, rendering.BoxWarp, 0f, 10f);
            if (segment.IsEmpty) continue;
            if (!grid.IsClearAlong(ray, segment))
            {
                blocked++;
                continue;
            }
            clear++;
            for (float t = segment.Start; t <= segment.End; t += step)
            {
                Assert.True(grid.IsEmpty(ray.At(t)), $"ray {i} called clear meets an occupied cell at t = {t}");
            }
        }
        Assert.True(clear > 50 && blocked > 50, $"{clear} clear rays, {blocked} blocked");
    }

    [Fact]
    public void SkippingRender_IsTheSameForAnyThreadCount()
    {
        var request = Request(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), new CameraView(25f, 10f), new SampleCounts(48, 48), 64);
        var one = RenderTarget.Allocate(64, 64, withDepth: true);
        var two = RenderTarget.Allocate(64, 64, withDepth: true);
        var all = RenderTarget.Allocate(64, 64, withDepth: true);
        new CpuVolumeRenderer(1).Render(request, one);
        new CpuVolumeRenderer(2).Render(request, two);
        var renderer = new CpuVolumeRenderer(-1);
        renderer.Render(request, all);
        Assert.Equal(one.Rgba, two.Rgba);
        Assert.Equal(one.Rgba, all.Rgba);
        Assert.Equal(one.Depth, two.Depth);
        // A second frame on the same renderer reuses its grid and scratch: still the same bytes.
        renderer.Render(request, all);
        Assert.Equal(one.Rgba, all.Rgba);
    }

    /// <summary>An empty field: every sample is skipped, every pixel is background with no hit depth.</summary>
    [Fact]
    public void EmptyField_IsBackgroundEverywhere()
    {
        var request = Request(AnalyticTriplanes.Empty(), OccupancyDecoder.Create(), CameraView.Front, new SampleCounts(48, 48), 32);
        var (plain, skipping) = RenderBoth(request);
        Assert.Equal(plain.Rgba, skipping.Rgba);
        Assert.All(skipping.Depth!, d => Assert.Equal(float.PositiveInfinity, d));
    }

    private static RenderRequest Request(Triplanes planes, DecoderWeights decoder, CameraView view, SampleCounts samples, int size) =>
        new(planes, decoder, RenderingConfig.Eg3dFfhq, view, size, size) { Samples = samples, Seed = 5 };

    private static (RenderTarget Plain, RenderTarget Skipping) RenderBoth(RenderRequest request)
    {
        var plain = RenderTarget.Allocate(request.Width, request.Height, withDepth: true);
        var skipping = RenderTarget.Allocate(request.Width, request.Height, withDepth: true);
        new CpuVolumeRenderer { SkipEmptySpace = false }.Render(request, plain);
        new CpuVolumeRenderer().Render(request, skipping);
        return (plain, skipping);
    }

    private static void AssertSamePicture(Triplanes planes, DecoderWeights decoder, CameraView view, SampleCounts samples, int size, byte minAlpha)
    {
        var (plain, skipping) = RenderBoth(Request(planes, decoder, view, samples, size));
        double psnr = ImageCompare.Psnr(skipping.Rgba, plain.Rgba);
        var (depthError, covered) = ImageCompare.DepthError(skipping, plain, minAlpha);
        Assert.True(psnr >= MinPsnr, $"PSNR {psnr:0.0} dB < {MinPsnr} dB");
        Assert.True(covered > 0, "the plain sampler rendered nothing to compare depths on");
        Assert.True(depthError <= 0.01, $"depth differs by {depthError:P2} on covered pixels");
    }
}
