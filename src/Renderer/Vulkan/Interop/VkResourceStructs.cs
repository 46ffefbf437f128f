using System.Runtime.InteropServices;

namespace PortraitStream.Renderer.Vulkan.Interop;

// Memory, buffer, copy and barrier structures (Vulkan spec: "Memory Allocation", "Resource Creation",
// "Pipeline Barriers"), laid out as in vulkan_core.h.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkMemoryAllocateInfo
{
    public uint SType;
    public void* PNext;
    public ulong AllocationSize;
    public uint MemoryTypeIndex;
}

[StructLayout(LayoutKind.Sequential)]
internal struct VkMemoryRequirements
{
    public ulong Size;
    public ulong Alignment;
    public uint MemoryTypeBits;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkMappedMemoryRange
{
    public uint SType;
    public void* PNext;
    public ulong Memory;
    public ulong Offset;
    public ulong Size;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkBufferCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public ulong Size;
    public uint Usage;
    public uint SharingMode;
    public uint QueueFamilyIndexCount;
    public uint* PQueueFamilyIndices;
}

[StructLayout(LayoutKind.Sequential)]
internal struct VkBufferCopy
{
    public ulong SrcOffset;
    public ulong DstOffset;
    public ulong Size;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkBufferMemoryBarrier
{
    public uint SType;
    public void* PNext;
    public uint SrcAccessMask;
    public uint DstAccessMask;
    public uint SrcQueueFamilyIndex;
    public uint DstQueueFamilyIndex;
    public ulong Buffer;
    public ulong Offset;
    public ulong Size;
}
