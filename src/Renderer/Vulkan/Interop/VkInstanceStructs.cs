using System.Runtime.InteropServices;

namespace PortraitStream.Renderer.Vulkan.Interop;

// Instance- and physical-device-level structures (Vulkan spec: "Devices and Queues"), laid out as in vulkan_core.h
// for x86-64/aarch64 LP64; VulkanStructLayoutTests pins every size against the C header.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkApplicationInfo
{
    public uint SType;
    public void* PNext;
    public byte* PApplicationName;
    public uint ApplicationVersion;
    public byte* PEngineName;
    public uint EngineVersion;
    public uint ApiVersion;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkInstanceCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public VkApplicationInfo* PApplicationInfo;
    public uint EnabledLayerCount;
    public byte** PpEnabledLayerNames;
    public uint EnabledExtensionCount;
    public byte** PpEnabledExtensionNames;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkLayerProperties
{
    public fixed byte LayerName[256];
    public uint SpecVersion;
    public uint ImplementationVersion;
    public fixed byte Description[256];
}

/// <summary>
/// VkPhysicalDeviceProperties (824 bytes) with only the members the renderer reads, at their header offsets: the
/// limits struct starts at byte 296 and its members at the offsets vulkan_core.h gives (offsetof in C).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 824)]
internal unsafe struct VkPhysicalDeviceProperties
{
    [FieldOffset(0)] public uint ApiVersion;
    [FieldOffset(4)] public uint DriverVersion;
    [FieldOffset(8)] public uint VendorId;
    [FieldOffset(12)] public uint DeviceId;
    [FieldOffset(16)] public uint DeviceType;
    [FieldOffset(20)] public fixed byte DeviceName[256];
    [FieldOffset(296 + 28)] public uint MaxStorageBufferRange;
    [FieldOffset(296 + 32)] public uint MaxPushConstantsSize;
    [FieldOffset(296 + 220)] public fixed uint MaxComputeWorkGroupCount[3];
    [FieldOffset(296 + 232)] public uint MaxComputeWorkGroupInvocations;
    [FieldOffset(296 + 420)] public uint TimestampComputeAndGraphics;
    [FieldOffset(296 + 424)] public float TimestampPeriod;
    [FieldOffset(296 + 496)] public ulong NonCoherentAtomSize;
}

[StructLayout(LayoutKind.Sequential)]
internal struct VkQueueFamilyProperties
{
    public uint QueueFlags;
    public uint QueueCount;
    public uint TimestampValidBits;
    public uint MinImageTransferGranularityWidth;
    public uint MinImageTransferGranularityHeight;
    public uint MinImageTransferGranularityDepth;
}

/// <summary>
/// VkPhysicalDeviceMemoryProperties (520 bytes): VkMemoryType[32] is 32 × (propertyFlags, heapIndex) 4-byte pairs
/// starting at byte 4, then memoryHeapCount, then VkMemoryHeap[16] (16 bytes each, 8-aligned) which the renderer
/// does not read.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkPhysicalDeviceMemoryProperties
{
    public uint MemoryTypeCount;
    public fixed uint MemoryTypes[64];
    public uint MemoryHeapCount;
    public fixed ulong MemoryHeaps[32];

    public readonly uint PropertyFlags(int type) => MemoryTypes[2 * type];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkDeviceQueueCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public uint QueueFamilyIndex;
    public uint QueueCount;
    public float* PQueuePriorities;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkDeviceCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public uint QueueCreateInfoCount;
    public VkDeviceQueueCreateInfo* PQueueCreateInfos;
    public uint EnabledLayerCount;
    public byte** PpEnabledLayerNames;
    public uint EnabledExtensionCount;
    public byte** PpEnabledExtensionNames;
    public void* PEnabledFeatures;
}
