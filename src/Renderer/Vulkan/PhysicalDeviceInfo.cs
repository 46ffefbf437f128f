using System.Runtime.InteropServices;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>What the renderer needs to know about a physical device, and how devices are ranked.</summary>
public sealed record PhysicalDeviceInfo(
    string Name,
    VulkanDeviceKind Kind,
    string ApiVersion,
    uint MaxStorageBufferRange,
    uint MaxWorkGroupCountX,
    uint MaxWorkGroupCountY,
    float TimestampPeriodNs,
    uint TimestampValidBits)
{
    /// <summary>Whether the compute queue writes timestamps at all: timestampValidBits &gt; 0 (Vulkan spec,
    /// "Timestamp Queries").</summary>
    public bool Timestamps => TimestampValidBits > 0;

    internal PhysicalDevice Handle { get; private init; }
    internal uint ComputeQueueFamily { get; private init; }

    /// <summary>Reads a device's properties; null when it cannot run the renderer (API &lt; 1.2, no compute queue).</summary>
    internal static unsafe PhysicalDeviceInfo? Describe(Vk api, PhysicalDevice device)
    {
        PhysicalDeviceProperties props;
        api.GetPhysicalDeviceProperties(device, &props);
        uint family = ComputeFamily(api, device, out uint timestampBits);
        if (props.ApiVersion < Vk.Version12 || family == uint.MaxValue)
        {
            return null;
        }
        return new PhysicalDeviceInfo(
            Marshal.PtrToStringUTF8((nint)props.DeviceName) ?? "?",
            props.DeviceType switch
            {
                PhysicalDeviceType.DiscreteGpu => VulkanDeviceKind.DiscreteGpu,
                PhysicalDeviceType.IntegratedGpu => VulkanDeviceKind.IntegratedGpu,
                PhysicalDeviceType.VirtualGpu => VulkanDeviceKind.VirtualGpu,
                PhysicalDeviceType.Cpu => VulkanDeviceKind.Cpu,
                _ => VulkanDeviceKind.Other,
            },
            VulkanInstance.VersionText(props.ApiVersion),
            props.Limits.MaxStorageBufferRange,
            props.Limits.MaxComputeWorkGroupCount[0],
            props.Limits.MaxComputeWorkGroupCount[1],
            props.Limits.TimestampPeriod,
            timestampBits)
        {
            Handle = device,
            ComputeQueueFamily = family,
        };
    }

    /// <summary>The first queue family with compute (Vulkan spec, "Queue Family Properties"), and its
    /// timestampValidBits (0: no timestamps on that queue).</summary>
    private static unsafe uint ComputeFamily(Vk api, PhysicalDevice device, out uint timestampBits)
    {
        uint count;
        api.GetPhysicalDeviceQueueFamilyProperties(device, &count, null);
        var families = stackalloc QueueFamilyProperties[(int)count];
        api.GetPhysicalDeviceQueueFamilyProperties(device, &count, families);
        for (uint i = 0; i < count; i++)
        {
            if ((families[i].QueueFlags & QueueFlags.ComputeBit) != 0)
            {
                timestampBits = families[i].TimestampValidBits;
                return i;
            }
        }
        timestampBits = 0;
        return uint.MaxValue;
    }
}
