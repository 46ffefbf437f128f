using System.Runtime.InteropServices;

namespace PortraitStream.Renderer.Vulkan.Interop;

// Shader module, descriptor and compute pipeline structures (Vulkan spec: "Shaders", "Pipelines",
// "Resource Descriptors"), laid out as in vulkan_core.h.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkShaderModuleCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public nuint CodeSize;
    public uint* PCode;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkDescriptorSetLayoutBinding
{
    public uint Binding;
    public uint DescriptorType;
    public uint DescriptorCount;
    public uint StageFlags;
    public ulong* PImmutableSamplers;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkDescriptorSetLayoutCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public uint BindingCount;
    public VkDescriptorSetLayoutBinding* PBindings;
}

[StructLayout(LayoutKind.Sequential)]
internal struct VkPushConstantRange
{
    public uint StageFlags;
    public uint Offset;
    public uint Size;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkPipelineLayoutCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public uint SetLayoutCount;
    public ulong* PSetLayouts;
    public uint PushConstantRangeCount;
    public VkPushConstantRange* PPushConstantRanges;
}

[StructLayout(LayoutKind.Sequential)]
internal struct VkSpecializationMapEntry
{
    public uint ConstantId;
    public uint Offset;
    public nuint Size;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkSpecializationInfo
{
    public uint MapEntryCount;
    public VkSpecializationMapEntry* PMapEntries;
    public nuint DataSize;
    public void* PData;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkPipelineShaderStageCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public uint Stage;
    public ulong Module;
    public byte* PName;
    public VkSpecializationInfo* PSpecializationInfo;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkComputePipelineCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public VkPipelineShaderStageCreateInfo Stage;
    public ulong Layout;
    public ulong BasePipelineHandle;
    public int BasePipelineIndex;
}

[StructLayout(LayoutKind.Sequential)]
internal struct VkDescriptorPoolSize
{
    public uint Type;
    public uint DescriptorCount;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkDescriptorPoolCreateInfo
{
    public uint SType;
    public void* PNext;
    public uint Flags;
    public uint MaxSets;
    public uint PoolSizeCount;
    public VkDescriptorPoolSize* PPoolSizes;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkDescriptorSetAllocateInfo
{
    public uint SType;
    public void* PNext;
    public ulong DescriptorPool;
    public uint DescriptorSetCount;
    public ulong* PSetLayouts;
}

[StructLayout(LayoutKind.Sequential)]
internal struct VkDescriptorBufferInfo
{
    public ulong Buffer;
    public ulong Offset;
    public ulong Range;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct VkWriteDescriptorSet
{
    public uint SType;
    public void* PNext;
    public ulong DstSet;
    public uint DstBinding;
    public uint DstArrayElement;
    public uint DescriptorCount;
    public uint DescriptorType;
    public void* PImageInfo;
    public VkDescriptorBufferInfo* PBufferInfo;
    public void* PTexelBufferView;
}
