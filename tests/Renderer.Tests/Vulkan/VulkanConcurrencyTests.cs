using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>Sessions share the device: two renderers on two threads, different scenes, each frame exactly what that
/// renderer gives for the same request alone.</summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanConcurrencyTests(VulkanDeviceFixture fixture)
{
    private const int Size = 48;
    private const int FramesPerSession = 12;

    [VulkanFact]
    public void TwoRenderersOnOneDevice_RenderDifferentScenesConcurrently()
    {
        var sphere = Request(AnalyticTriplanes.Sphere(0.3f, (0f, 0f, 0f)), OccupancyDecoder.Create());
        var random = Request(RandomScene.Triplanes(channels: 12), RandomScene.Decoder(inputs: 12));
        var expectedSphere = RenderAlone(sphere);
        var expectedRandom = RenderAlone(random);
        Assert.NotEqual(expectedSphere, expectedRandom);

        using var start = new Barrier(2);
        var sessions = new[] { (sphere, expectedSphere), (random, expectedRandom) }.Select(session => Task.Run(() =>
        {
            using var renderer = new VulkanVolumeRenderer(fixture.Device);
            var target = RenderTarget.Allocate(Size, Size);
            start.SignalAndWait();
            for (int frame = 0; frame < FramesPerSession; frame++)
            {
                renderer.Render(session.Item1, target);
                Assert.Equal(session.Item2, target.Rgba);
            }
        })).ToArray();
        Task.WaitAll(sessions);
    }

    /// <summary>A live session (occupancy grid, fused live kernel) beside a reference session on the same device.</summary>
    [VulkanFact]
    public void LiveAndReferenceRenderersOnOneDevice_RenderConcurrently()
    {
        var live = Request(ReliefScene.Triplanes(), ReliefScene.Decoder()) with { Live = LiveSampling.Default };
        var reference = Request(RandomScene.Triplanes(channels: 12), RandomScene.Decoder(inputs: 12));
        var sessions = new[] { (live, RenderAlone(live)), (reference, RenderAlone(reference)) };

        using var start = new Barrier(2);
        Task.WaitAll(sessions.Select(session => Task.Run(() =>
        {
            using var renderer = new VulkanVolumeRenderer(fixture.Device);
            var target = RenderTarget.Allocate(Size, Size);
            start.SignalAndWait();
            for (int frame = 0; frame < FramesPerSession / 2; frame++)
            {
                renderer.Render(session.Item1, target);
                Assert.Equal(session.Item2, target.Rgba);
            }
        })).ToArray());
    }

    private static RenderRequest Request(Triplanes planes, DecoderWeights decoder) =>
        new(planes, decoder, RenderingConfig.Eg3dFfhq, new CameraView(20f, 10f), Size, Size) { Samples = new SampleCounts(12, 12) };

    private byte[] RenderAlone(RenderRequest request)
    {
        using var renderer = new VulkanVolumeRenderer(fixture.Device);
        var target = RenderTarget.Allocate(Size, Size);
        renderer.Render(request, target);
        return target.Rgba;
    }
}
