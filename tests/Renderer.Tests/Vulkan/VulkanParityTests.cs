using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// The Vulkan renderer against the CPU reference on the same requests (same seed, so the same jittered samples):
/// PSNR ≥ 40 dB over RGBA and depth within 1 % where the reference is at least half opaque, at several poses.
/// </summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanParityTests(VulkanDeviceFixture fixture)
{
    private const double MinPsnr = 40;
    private const double MaxDepthError = 0.01;

    [VulkanTheory]
    [InlineData(0f, 0f, 1f)]
    [InlineData(30f, 0f, 1f)]
    [InlineData(-25f, 15f, 1.3f)]
    [InlineData(60f, -30f, 1f)]
    public void Sphere_MatchesCpuReference(float yaw, float pitch, float zoom) =>
        AssertParity(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), new CameraView(yaw, pitch, Zoom: zoom), 256);

    [VulkanTheory]
    [InlineData(0f, 0f)]
    [InlineData(20f, -10f)]
    public void Slab_MatchesCpuReference(float yaw, float pitch) =>
        AssertParity(AnalyticTriplanes.Slab(0.1f, 0.15f), OccupancyDecoder.Create(), new CameraView(yaw, pitch), 256);

    /// <summary>Dense random features and a wider decoder: every channel, hidden unit and plane axis matters. 11
    /// channels exercise the device's zero padding to a multiple of 4.</summary>
    [VulkanTheory]
    [InlineData(0f, 0f, 0f, 12, false)]
    [InlineData(35f, 20f, 15f, 11, false)]
    [InlineData(-50f, -15f, 0f, 12, true)]
    [InlineData(10f, 5f, 0f, 11, true)]
    public void RandomScene_MatchesCpuReference(float yaw, float pitch, float roll, int channels, bool fp16)
    {
        var planes = RandomScene.Triplanes(channels);
        if (fp16)
        {
            // Half storage rounds every feature; give the CPU reference the same rounded values so that only the
            // renderers, not the storage format, are compared.
            Array.ConvertAll(planes.Data, v => (float)(Half)v).CopyTo(planes.Data, 0);
        }
        AssertParity(planes, RandomScene.Decoder(inputs: channels), new CameraView(yaw, pitch, roll), 96, fp16, FogAlpha);
    }

    /// <summary>Side-by-side stereo: both eyes' render dispatches in one submission, the whole left | right frame compared.</summary>
    [VulkanTheory]
    [InlineData(0f, 0f, 48, 63f)]
    [InlineData(-30f, 15f, 40, 80f)]
    public void Sphere_InStereo_MatchesCpu(float yaw, float pitch, int size, float ipd) =>
        AssertParity(AnalyticTriplanes.Sphere(0.3f, (0.05f, -0.02f, 0.1f)), OccupancyDecoder.Create(), new CameraView(yaw, pitch), size, stereo: new StereoRig(ipd));

    /// <summary>The random scene is a translucent fog that never reaches half opacity; its depth is compared where
    /// the reference is at least this opaque (alpha byte).</summary>
    private const byte FogAlpha = 16;

    private void AssertParity(Triplanes planes, DecoderWeights decoder, CameraView view, int size, bool fp16 = false, byte minAlpha = 128, StereoRig? stereo = null)
    {
        var request = new RenderRequest(planes, decoder, RenderingConfig.Eg3dFfhq, view, size, size) { Seed = 11, Stereo = stereo };
        var reference = RenderTarget.Allocate(request.TargetWidth, size, withDepth: true);
        new CpuVolumeRenderer().Render(request, reference);
        var actual = RenderTarget.Allocate(request.TargetWidth, size, withDepth: true);
        using (var renderer = new VulkanVolumeRenderer(fixture.Device, fp16))
        {
            renderer.Render(request, actual);
        }

        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        var (depthError, covered) = ImageCompare.DepthError(actual, reference, minAlpha);
        Assert.True(psnr >= MinPsnr, $"PSNR {psnr:0.0} dB < {MinPsnr} dB");
        Assert.True(covered > 0, "the reference rendered nothing to compare depths on");
        Assert.True(depthError <= MaxDepthError, $"depth differs by {depthError:P2} on covered pixels");
    }
}
