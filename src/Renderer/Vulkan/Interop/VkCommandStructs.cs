using System.Runtime.InteropServices;

namespace PortraitStream.Renderer.Vulkan.Interop;

// Command buffer, submission, fence and query structures (Vulkan spec: "Command Buffers", "Synchronization",
// "Queries"), laid out as in vulkan_core.h.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkCommandPoolCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public uint QueueFamilyIndex;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkCommandBufferAllocateInfo
{
    public uint SType;
    public void* PNext;
    public ulong CommandPool;
    public uint Level;
    public uint CommandBufferCount;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkCommandBufferBeginInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public void* PInheritanceInfo;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkSubmitInfo
{
    public uint SType;
    public void* PNext;
    public uint WaitSemaphoreCount;
    public ulong* PWaitSemaphores;
    public uint* PWaitDstStageMask;
    public uint CommandBufferCount;
    public nint* PCommandBuffers;
    public uint SignalSemaphoreCount;
    public ulong* PSignalSemaphores;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkFenceCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkQueryPoolCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public uint QueryType;
    public uint QueryCount;
    public uint PipelineStatistics;
}
