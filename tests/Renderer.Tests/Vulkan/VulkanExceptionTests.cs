using PortraitStream.Renderer.Vulkan;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>A failed call's message names the call and the VkResult as the Vulkan spec spells it.</summary>
public sealed class VulkanExceptionTests
{
    [Theory]
    [InlineData(Result.ErrorOutOfDeviceMemory, "vkAllocateMemory failed: VK_ERROR_OUT_OF_DEVICE_MEMORY (-2)")]
    [InlineData(Result.ErrorDeviceLost, "vkQueueSubmit failed: VK_ERROR_DEVICE_LOST (-4)")]
    // Core 1.1 code with a _KHR alias of the same value: the core name wins.
    [InlineData(Result.ErrorOutOfPoolMemory, "vkAllocateDescriptorSets failed: VK_ERROR_OUT_OF_POOL_MEMORY (-1000069000)")]
    [InlineData((Result)(-424242), "vkCreateDevice failed: VkResult (-424242)")]
    public void Check_NamesTheCallAndTheResult(Result result, string expected)
    {
        string function = expected[..expected.IndexOf(' ', StringComparison.Ordinal)];
        var error = Assert.Throws<VulkanException>(() => result.Check(function));
        Assert.Equal(expected, error.Message);
        Assert.Equal(function, error.Function);
        Assert.Equal((int)result, error.Result);
    }

    [Theory]
    [InlineData(Result.Success)]
    [InlineData(Result.Incomplete)]
    [InlineData(Result.Timeout)]
    public void Check_AcceptsSuccessCodes(Result result) => result.Check("vkAnything");
}
