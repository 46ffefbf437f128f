using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests;

public sealed class CpuVolumeRendererTests
{
    /// <summary>Big enough that the disc, even off-centre, stays inside the frame at every pose below.</summary>
    private const int Size = 160;
    private const float SphereRadius = 0.12f;

    /// <summary>
    /// A sphere of radius r at distance D, its centre θ off the optical axis, images to an ellipse with semi-axes
    /// f·sinα·cosα / (cos²θ − sin²α) and f·sinα / √(cos²θ − sin²α), sinα = r / D (the cone's section by the image plane).
    /// The rendered disc's area-equivalent radius must match that ellipse's within one pixel.
    /// </summary>
    [Theory]
    [InlineData(0f, 0f, 1f)]
    [InlineData(30f, 0f, 1f)]
    [InlineData(-25f, 15f, 1f)]
    [InlineData(10f, -20f, 1f)]
    [InlineData(45f, 20f, 1f)]
    [InlineData(0f, 0f, 1.4f)]
    [InlineData(20f, 10f, 1.3f)]
    public void Sphere_RendersAsTheDiscPerspectivePredicts(float yaw, float pitch, float zoom)
    {
        var rendering = RenderingConfig.Eg3dFfhq;
        var target = RenderHarness.Render(AnalyticTriplanes.Sphere(SphereRadius, (0f, 0f, 0f)), OccupancyDecoder.Create(),
            new CameraView(yaw, pitch, Zoom: zoom), Size, rendering);

        // Camera geometry from first principles, not from CameraPose: on a sphere of radius R / zoom, looking at LookAt.
        double distance = rendering.CameraRadius / zoom;
        double yawRad = yaw * Math.PI / 180, pitchRad = pitch * Math.PI / 180;
        var camera = (X: distance * Math.Cos(pitchRad) * Math.Sin(yawRad), Y: distance * Math.Sin(pitchRad), Z: distance * Math.Cos(pitchRad) * Math.Cos(yawRad));
        var toLookAt = (X: rendering.LookAt.X - camera.X, Y: rendering.LookAt.Y - camera.Y, Z: rendering.LookAt.Z - camera.Z);
        double cosTheta = -(toLookAt.X * camera.X + toLookAt.Y * camera.Y + toLookAt.Z * camera.Z)
            / (distance * Math.Sqrt(toLookAt.X * toLookAt.X + toLookAt.Y * toLookAt.Y + toLookAt.Z * toLookAt.Z));
        double sinAlpha = SphereRadius / distance, cosAlpha = Math.Sqrt(1 - sinAlpha * sinAlpha);
        double conic = cosTheta * cosTheta - sinAlpha * sinAlpha;
        double focalPixels = rendering.FocalLength * Size;
        double predictedRadius = focalPixels * Math.Sqrt(sinAlpha * cosAlpha / conic * sinAlpha / Math.Sqrt(conic));

        Assert.False(RenderHarness.TouchesBorder(target), "the disc must lie inside the frame for its area to be measured");
        double renderedRadius = Math.Sqrt(RenderHarness.CoveredPixels(target) / Math.PI);
        Assert.InRange(renderedRadius, predictedRadius - 1, predictedRadius + 1);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(45f, -30f)]
    [InlineData(-80f, 60f)]
    public void EmptyPlanes_GiveBackgroundWithZeroOpacity(float yaw, float pitch)
    {
        var target = RenderHarness.Render(AnalyticTriplanes.Empty(), OccupancyDecoder.Create(), new CameraView(yaw, pitch), 48);

        Assert.All(target.Rgba, value => Assert.Equal(0, value));
        Assert.All(target.Depth!, depth => Assert.Equal(float.PositiveInfinity, depth));
    }

    /// <summary>
    /// A slab whose front face is the plane z = front, seen from the default camera on +z looking straight down −z
    /// (look-at on the z axis): pixel (x, y)'s ray meets it at distance (R − front) · |(x', y', 1)|, with x', y' the
    /// pixel's offsets from the centre divided by the focal length in pixels.
    /// </summary>
    [Theory]
    [InlineData(0.1f, 32, 32)]
    [InlineData(0.1f, 3, 60)]
    [InlineData(-0.15f, 32, 32)]
    [InlineData(-0.15f, 50, 10)]
    [InlineData(0.3f, 20, 40)]
    public void SlabDepth_IsWithinOnePercentOfTheTrueDistance(float front, int x, int y)
    {
        const int size = 64;
        const float halfThickness = 0.1f;
        var rendering = RenderingConfig.Eg3dFfhq;
        var target = RenderHarness.Render(AnalyticTriplanes.Slab(front - halfThickness, halfThickness), OccupancyDecoder.Create(),
            CameraView.Front, size, rendering);

        double focalPixels = rendering.FocalLength * size;
        double xOffset = (x + 0.5 - 0.5 * size) / focalPixels, yOffset = (y + 0.5 - 0.5 * size) / focalPixels;
        double expected = (rendering.CameraRadius - front) * Math.Sqrt(1 + xOffset * xOffset + yOffset * yOffset);
        Assert.Equal(255, RenderHarness.Alpha(target, x, y));
        Assert.InRange(target.Depth![y * size + x], expected * 0.99, expected * 1.01);
    }

    [Theory]
    [InlineData(90f)]
    [InlineData(-90f)]
    [InlineData(180f)]
    [InlineData(30f)]
    public void Roll_RotatesTheImageCounterClockwiseAboutItsCentre(float roll)
    {
        var sphere = AnalyticTriplanes.Sphere(0.08f, (0.12f, 0.06f, 0.2f));
        var upright = RenderHarness.CoveredCentroid(RenderHarness.Render(sphere, OccupancyDecoder.Create(), CameraView.Front, 96));
        var rolled = RenderHarness.CoveredCentroid(RenderHarness.Render(sphere, OccupancyDecoder.Create(), new CameraView(0f, 0f, roll), 96));

        // Counter-clockwise on a y-down screen: (x, y) → (x·cos + y·sin, −x·sin + y·cos).
        double angle = roll * Math.PI / 180;
        double expectedX = upright.X * Math.Cos(angle) + upright.Y * Math.Sin(angle);
        double expectedY = -upright.X * Math.Sin(angle) + upright.Y * Math.Cos(angle);
        Assert.InRange(rolled.X, expectedX - 1, expectedX + 1);
        Assert.InRange(rolled.Y, expectedY - 1, expectedY + 1);
    }

    [Fact]
    public void SameSeed_GivesIdenticalBytes()
    {
        var first = RenderHarness.Render(RandomScene.Triplanes(), RandomScene.Decoder(), new CameraView(12f, -7f), 40, seed: 3, width: 52);
        var second = RenderHarness.Render(RandomScene.Triplanes(), RandomScene.Decoder(), new CameraView(12f, -7f), 40, seed: 3, width: 52);

        Assert.Equal(first.Rgba, second.Rgba);
        Assert.Equal(first.Depth, second.Depth);
        Assert.Contains(first.Rgba, value => value is > 0 and < 255);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 7)]
    public void ThreadCount_DoesNotChangeTheBytes(int threadsA, int threadsB)
    {
        var view = new CameraView(-20f, 10f, 5f);
        var a = RenderHarness.Render(RandomScene.Triplanes(), RandomScene.Decoder(), view, 36, threads: threadsA);
        var b = RenderHarness.Render(RandomScene.Triplanes(), RandomScene.Decoder(), view, 36, threads: threadsB);

        Assert.Equal(a.Rgba, b.Rgba);
        Assert.Equal(a.Depth, b.Depth);
    }

    [Fact]
    public void DifferentSeeds_JitterTheSamples()
    {
        var a = RenderHarness.Render(RandomScene.Triplanes(), RandomScene.Decoder(), CameraView.Front, 32, seed: 1);
        var b = RenderHarness.Render(RandomScene.Triplanes(), RandomScene.Decoder(), CameraView.Front, 32, seed: 2);

        Assert.NotEqual(a.Depth, b.Depth);
    }

    /// <summary>Per-worker scratch is pooled across renders: a renderer reused with other sizes and sample counts must match a fresh one.</summary>
    [Fact]
    public void ReusedRenderer_MatchesAFreshOne()
    {
        var planes = RandomScene.Triplanes();
        var decoder = RandomScene.Decoder();
        var renderer = new CpuVolumeRenderer();
        var warmUp = new RenderRequest(RandomScene.Triplanes(channels: 8, seed: 9), RandomScene.Decoder(inputs: 8, hidden: 16), RenderingConfig.Eg3dFfhq, CameraView.Front, 20, 24)
        {
            Samples = new SampleCounts(12, 5),
        };
        renderer.Render(warmUp, RenderTarget.Allocate(20, 24));
        var request = new RenderRequest(planes, decoder, RenderingConfig.Eg3dFfhq, new CameraView(5f, 5f), 30, 30) { Seed = 4 };
        var reused = RenderTarget.Allocate(30, 30, withDepth: true);
        renderer.Render(request, reused);
        var fresh = RenderTarget.Allocate(30, 30, withDepth: true);
        new CpuVolumeRenderer().Render(request, fresh);

        Assert.Equal(fresh.Rgba, reused.Rgba);
        Assert.Equal(fresh.Depth, reused.Depth);
    }

    /// <summary>One instance shared by callers on several threads: renders serialise, none sees another's planes or scratch.</summary>
    [Fact]
    public async Task ConcurrentRenders_OnOneInstance_MatchSequentialOnes()
    {
        var requests = new[]
        {
            new RenderRequest(RandomScene.Triplanes(), RandomScene.Decoder(), RenderingConfig.Eg3dFfhq, new CameraView(10f, 0f), 24, 24) { Seed = 1 },
            new RenderRequest(AnalyticTriplanes.Sphere(0.3f, (0f, 0f, 0f)), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq, CameraView.Front, 32, 20),
            new RenderRequest(RandomScene.Triplanes(channels: 8, seed: 5), RandomScene.Decoder(inputs: 8, hidden: 16), RenderingConfig.Eg3dFfhq, new CameraView(-30f, 20f), 16, 16)
            {
                Samples = new SampleCounts(10, 6),
            },
        };
        var expected = requests.Select(request =>
        {
            var target = RenderTarget.Allocate(request.Width, request.Height, withDepth: true);
            new CpuVolumeRenderer().Render(request, target);
            return target;
        }).ToArray();

        var shared = new CpuVolumeRenderer();
        var targets = requests.Select(r => RenderTarget.Allocate(r.Width, r.Height, withDepth: true)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 3 * requests.Length).Select(i => Task.Run(() =>
            shared.Render(requests[i % requests.Length], targets[i % requests.Length]))));

        for (int i = 0; i < requests.Length; i++)
        {
            Assert.Equal(expected[i].Rgba, targets[i].Rgba);
            Assert.Equal(expected[i].Depth, targets[i].Depth);
        }
    }
}
