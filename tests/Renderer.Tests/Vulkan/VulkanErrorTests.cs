using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>Failures are reported with a message naming the cause, leak nothing, and leave the device usable.</summary>
[Collection(VulkanSuite.Name)]
public sealed class VulkanErrorTests(VulkanDeviceFixture fixture)
{
    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "not a whole SPIR-V module")]
    [InlineData(new byte[] { 0xde, 0xad, 0xbe, 0xef, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "magic number 0xefbeadde")]
    public void BadSpirv_IsRefusedBeforeTheDriverSeesIt(byte[] bytes, string expected)
    {
        var error = Assert.Throws<VulkanException>(() => SpirvModule.Parse("broken", bytes));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingShader_NamesTheShader()
    {
        var error = Assert.Throws<VulkanException>(() => SpirvModule.Embedded("no-such-kernel"));
        Assert.Contains("no-such-kernel", error.Message, StringComparison.Ordinal);
    }

    [VulkanFact]
    public void ShaderThatFailsToLoad_LeavesTheDeviceUsable()
    {
        int before = fixture.Device.LiveObjects;
        Assert.Throws<VulkanException>(() => new VulkanVolumeRenderer(fixture.Device, SpirvModule.Embedded("no-such-kernel"), false));
        AssertDeviceStillRenders(before);
    }

    [VulkanTheory]
    [InlineData(4096, 64, "4096×64")]
    [InlineData(64, 0, "64×0")]
    public void OversizedOrEmptyImage_IsRefusedWithItsSize(int width, int height, string expected)
    {
        int before = fixture.Device.LiveObjects;
        using (var renderer = new VulkanVolumeRenderer(fixture.Device))
        {
            var request = new RenderRequest(AnalyticTriplanes.Sphere(0.3f, (0f, 0f, 0f)), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq, CameraView.Front, width, height);
            var error = Assert.Throws<ArgumentException>(() => renderer.Render(request, RenderTarget.Allocate(16, 16)));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        AssertDeviceStillRenders(before);
    }

    [VulkanFact]
    public void TooManyPlanes_IsRefused()
    {
        var axes = Enumerable.Repeat(PlaneAxes.XY, 9).ToArray();
        var planes = new Triplanes(new TriplaneLayout(1, 4, axes));
        using var renderer = new VulkanVolumeRenderer(fixture.Device);
        var request = new RenderRequest(planes, OccupancyDecoder.Create(9), RenderingConfig.Eg3dFfhq, CameraView.Front, 8, 8);
        var error = Assert.Throws<ArgumentException>(() => renderer.Render(request, RenderTarget.Allocate(8, 8)));
        Assert.Contains("9 triplanes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A Vulkan call that fails (an allocation far beyond any heap) names the call and its VkResult.</summary>
    [VulkanFact]
    public void FailedAllocation_NamesTheVulkanCall_AndLeaksNothing()
    {
        int before = fixture.Device.LiveObjects;
        var error = Assert.Throws<VulkanException>(() => new GpuBuffer(fixture.Device, 1ul << 46, BufferKind.Storage));
        Assert.StartsWith("vk", error.Function, StringComparison.Ordinal);
        Assert.Contains("VK_ERROR_", error.Message, StringComparison.Ordinal);
        AssertDeviceStillRenders(before);
    }

    private void AssertDeviceStillRenders(int liveBefore)
    {
        Assert.Equal(liveBefore, fixture.Device.LiveObjects);
        using var renderer = new VulkanVolumeRenderer(fixture.Device);
        var target = RenderTarget.Allocate(16, 16);
        var request = new RenderRequest(AnalyticTriplanes.Sphere(0.3f, (0f, 0f, 0f)), OccupancyDecoder.Create(), RenderingConfig.Eg3dFfhq, CameraView.Front, 16, 16)
        {
            Samples = new SampleCounts(6, 6),
        };
        renderer.Render(request, target);
        Assert.Contains(target.Rgba, b => b != 0);
    }
}
