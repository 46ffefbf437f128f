using System.Reflection;
using Silk.NET.Core.Attributes;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>A Vulkan call failed, or Vulkan cannot do what was asked; the message names the call and its VkResult.</summary>
public sealed class VulkanException : Exception
{
    public VulkanException(string message) : base(message) { }

    public VulkanException(string message, Exception inner) : base(message, inner) { }

    internal VulkanException(string function, Result result)
        : base($"{function} failed: {Name(result)} ({(int)result})")
    {
        Function = function;
        Result = (int)result;
    }

    /// <summary>The Vulkan entry point that failed, when the error came from one.</summary>
    public string? Function { get; }

    /// <summary>The raw VkResult, when the error came from a Vulkan call (0 otherwise).</summary>
    public int Result { get; }

    /// <summary>The C spelling Silk.NET records on the enum member (VK_ERROR_OUT_OF_DEVICE_MEMORY). A code with
    /// extension aliases (VK_ERROR_OUT_OF_POOL_MEMORY and …_KHR) takes the shortest: the core name.</summary>
    private static string Name(Result result) => typeof(Result).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => (Result)field.GetValue(null)! == result)
        .Select(field => field.GetCustomAttribute<NativeNameAttribute>()?.Name)
        .OfType<string>()
        .OrderBy(name => name.Length)
        .FirstOrDefault() ?? "VkResult";
}
