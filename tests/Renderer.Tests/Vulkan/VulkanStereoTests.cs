using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;
using PortraitStream.Tests.Support;
using Xunit.Abstractions;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// Side-by-side stereo on Vulkan (both eyes' dispatches in one submission) against the CPU on the same requests:
/// PSNR ≥ 40 dB over the whole left | right frame and depth within 1 % where opaque, for the live and the reference
/// sampler; the halves really are two viewpoints (they differ from each other).
/// </summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanStereoTests(VulkanDeviceFixture fixture, ITestOutputHelper output)
{
    private const double MinPsnr = 40;
    private const double MaxDepthError = 0.01;

    [VulkanTheory]
    [InlineData(0f, 0f, 64, 63f)]
    [InlineData(25f, -10f, 72, 45f)]
    public void LiveSampler_MatchesCpu(float yaw, float pitch, int size, float ipd) =>
        AssertParity(ReliefScene.Triplanes(), ReliefScene.Decoder(), new CameraView(yaw, pitch), size, ipd, LiveSampling.Default);

    [VulkanTheory]
    [InlineData(0f, 0f, 48, 63f)]
    [InlineData(-30f, 15f, 40, 80f)]
    public void ReferenceSampler_MatchesCpu(float yaw, float pitch, int size, float ipd) =>
        AssertParity(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), new CameraView(yaw, pitch), size, ipd, live: null);

    private void AssertParity(Triplanes planes, DecoderWeights decoder, CameraView view, int size, float ipd, LiveSampling? live)
    {
        var request = new RenderRequest(planes, decoder, RenderingConfig.Eg3dFfhq, view, size, size) { Live = live, Seed = 11, Stereo = new StereoRig(ipd) };
        var reference = RenderTarget.Allocate(2 * size, size, withDepth: true);
        new CpuVolumeRenderer().Render(request, reference);
        var actual = RenderTarget.Allocate(2 * size, size, withDepth: true);
        using (var renderer = new VulkanVolumeRenderer(fixture.Device))
        {
            renderer.Render(request, actual);
        }

        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        var (depthError, opaque) = ImageCompare.DepthError(actual, reference, minAlpha: 128);
        var (left, right) = Live.StereoRenderTests.Halves(actual);
        double between = ImageCompare.Psnr(left.Rgba, right.Rgba);
        output.WriteLine($"PSNR {psnr:0.00} dB; {opaque} opaque, depth error {depthError:P3}; left vs right {between:0.0} dB");
        Assert.True(opaque > 0, "the reference rendered nothing opaque");
        Assert.True(psnr >= MinPsnr, $"PSNR {psnr:0.0} dB < {MinPsnr} dB");
        Assert.True(depthError <= MaxDepthError, $"depth differs by {depthError:P2} on opaque pixels");
        Assert.True(between < MinPsnr, $"the eyes' pictures are nearly identical ({between:0.0} dB)");
    }
}
