using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// A fact that needs Vulkan: skipped (not failed) only where the loader itself is missing. Where the loader exists,
/// a missing driver is a failure: CI installs lavapipe, and the suite must prove it runs there.
/// </summary>
public sealed class VulkanFactAttribute : FactAttribute
{
    public VulkanFactAttribute()
    {
        if (!Vk.LoaderPresent)
        {
            Skip = $"no Vulkan loader ({Vk.Library}) on this machine";
        }
    }
}

/// <summary>The <see cref="VulkanFactAttribute"/> rule for theories.</summary>
public sealed class VulkanTheoryAttribute : TheoryAttribute
{
    public VulkanTheoryAttribute()
    {
        if (!Vk.LoaderPresent)
        {
            Skip = $"no Vulkan loader ({Vk.Library}) on this machine";
        }
    }
}
