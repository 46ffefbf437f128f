using PortraitStream.Renderer.Vulkan;

// Linked into every test project that touches Vulkan (see their .csproj), so the skip rule lives in one place.
namespace PortraitStream.Tests.Support;

/// <summary>
/// A fact that needs Vulkan: skipped (not failed) only where the loader itself is missing. Where the loader exists,
/// a missing driver is a failure: CI installs lavapipe, and the suite must prove it runs there.
/// </summary>
public sealed class VulkanFactAttribute : FactAttribute
{
    public VulkanFactAttribute()
    {
        if (!VulkanDevice.LoaderPresent)
        {
            Skip = "no Vulkan loader (libvulkan.so.1) on this machine";
        }
    }
}

/// <summary>The <see cref="VulkanFactAttribute"/> rule for theories.</summary>
public sealed class VulkanTheoryAttribute : TheoryAttribute
{
    public VulkanTheoryAttribute()
    {
        if (!VulkanDevice.LoaderPresent)
        {
            Skip = "no Vulkan loader (libvulkan.so.1) on this machine";
        }
    }
}
