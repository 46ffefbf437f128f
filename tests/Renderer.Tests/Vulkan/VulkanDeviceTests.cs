using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Renderer.Tests.Vulkan;

[Collection(VulkanSuite.Name)]
public sealed class VulkanDeviceTests(VulkanDeviceFixture fixture)
{
    [VulkanFact]
    public void Device_IsAVulkan12DeviceWithCompute()
    {
        var info = fixture.Device.Info;
        Assert.False(string.IsNullOrWhiteSpace(info.Name));
        Assert.True(info.MaxStorageBufferRange >= 1 << 27 || info.Kind != VulkanDeviceKind.Cpu, "lavapipe offers 128 MiB storage buffers");
        Assert.Matches(@"^1\.[2-9]\.", info.ApiVersion);
    }

    [VulkanFact]
    public void Create_WithAnUnknownDeviceName_SaysWhichNameWasMissing()
    {
        var error = Assert.Throws<VulkanException>(() => VulkanDevice.Create(new VulkanOptions { DeviceName = "no such gpu 9000" }));
        Assert.Contains("no such gpu 9000", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Validation is opt-in and harmless when the layer is not installed (a warning, not a failure).</summary>
    [VulkanFact]
    public void Create_WithValidationRequested_Works()
    {
        using var device = VulkanDevice.Create(new VulkanOptions { Validation = true });
        Assert.Equal(0, device.LiveObjects);
    }
}
