using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>A Vulkan call failed, or Vulkan cannot do what was asked; the message names the call and its VkResult.</summary>
public sealed class VulkanException : Exception
{
    public VulkanException(string message) : base(message) { }

    public VulkanException(string message, Exception inner) : base(message, inner) { }

    internal VulkanException(string function, VkResult result)
        : base($"{function} failed: {Name(result)} ({(int)result})")
    {
        Function = function;
        Result = (int)result;
    }

    /// <summary>The Vulkan entry point that failed, when the error came from one.</summary>
    public string? Function { get; }

    /// <summary>The raw VkResult, when the error came from a Vulkan call (0 otherwise).</summary>
    public int Result { get; }

    /// <summary>The C spelling, e.g. ErrorOutOfDeviceMemory → VK_ERROR_OUT_OF_DEVICE_MEMORY.</summary>
    private static string Name(VkResult result) => !Enum.IsDefined(result)
        ? "VkResult"
        : "VK" + string.Concat(result.ToString().Select(c => char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
