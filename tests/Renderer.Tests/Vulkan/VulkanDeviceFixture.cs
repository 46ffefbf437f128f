using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>One device for the whole Vulkan suite, as the server shares one between sessions; created on first use
/// so that a machine without a loader never touches it.</summary>
public sealed class VulkanDeviceFixture : IDisposable
{
    private readonly Lazy<VulkanDevice> _device = new(() => VulkanDevice.Create());

    public VulkanDevice Device => _device.Value;

    public void Dispose()
    {
        if (_device.IsValueCreated)
        {
            _device.Value.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class VulkanSuite : ICollectionFixture<VulkanDeviceFixture>
{
    public const string Name = "Vulkan device";
}
