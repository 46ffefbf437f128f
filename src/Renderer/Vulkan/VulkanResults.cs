using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>The one check every VkResult goes through.</summary>
internal static class VulkanResults
{
    /// <summary>Throws a <see cref="VulkanException"/> naming <paramref name="function"/> unless the call succeeded
    /// (negative codes are errors, Vulkan spec, "Return Codes"). Checked in every build configuration: a failed Vulkan
    /// call never goes unnoticed in Release.</summary>
    public static void Check(this Result result, string function)
    {
        if (result < Result.Success)
        {
            throw new VulkanException(function, result);
        }
    }
}
