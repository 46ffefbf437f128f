using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// A descriptor pool sized for a fixed number of storage-buffer sets. Sets are allocated once and rewritten in
/// place when their buffers change, so the pool never fragments (Vulkan spec, vkAllocateDescriptorSets: VK_ERROR_FRAGMENTED_POOL).
/// </summary>
internal sealed unsafe class DescriptorAllocator : IDisposable
{
    private readonly VulkanDevice _device;
    private DescriptorPool _pool;

    public DescriptorAllocator(VulkanDevice device, int maxSets, int storageBuffersPerSet)
    {
        _device = device;
        var size = new DescriptorPoolSize { Type = DescriptorType.StorageBuffer, DescriptorCount = (uint)(maxSets * storageBuffersPerSet) };
        var info = new DescriptorPoolCreateInfo { SType = StructureType.DescriptorPoolCreateInfo, MaxSets = (uint)maxSets, PoolSizeCount = 1, PPoolSizes = &size };
        DescriptorPool pool;
        device.Api.CreateDescriptorPool(device.Handle, &info, null, &pool).Check("vkCreateDescriptorPool");
        _pool = pool;
        device.Created();
    }

    /// <summary>Allocates one set of <paramref name="layout"/>; it is freed with the pool.</summary>
    public DescriptorSet Allocate(DescriptorSetLayout layout)
    {
        var info = new DescriptorSetAllocateInfo { SType = StructureType.DescriptorSetAllocateInfo, DescriptorPool = _pool, DescriptorSetCount = 1, PSetLayouts = &layout };
        DescriptorSet set;
        _device.Api.AllocateDescriptorSets(_device.Handle, &info, &set).Check("vkAllocateDescriptorSets");
        return set;
    }

    /// <summary>Points binding i of <paramref name="set"/> at buffers[i], whole range. The set must not be in use by
    /// pending work (Vulkan spec, "Descriptor Set Updates": a set used by a pending command buffer must not be updated).</summary>
    public void Write(DescriptorSet set, ReadOnlySpan<GpuBuffer> buffers)
    {
        var infos = stackalloc DescriptorBufferInfo[buffers.Length];
        var writes = stackalloc WriteDescriptorSet[buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            infos[i] = new DescriptorBufferInfo { Buffer = buffers[i].Handle, Range = Vk.WholeSize };
            writes[i] = new WriteDescriptorSet
            {
                SType = StructureType.WriteDescriptorSet,
                DstSet = set,
                DstBinding = (uint)i,
                DescriptorCount = 1,
                DescriptorType = DescriptorType.StorageBuffer,
                PBufferInfo = &infos[i],
            };
        }
        _device.Api.UpdateDescriptorSets(_device.Handle, (uint)buffers.Length, writes, 0, null);
    }

    public void Dispose()
    {
        if (_pool.Handle != 0)
        {
            _device.Api.DestroyDescriptorPool(_device.Handle, _pool, null);
            _pool = default;
            _device.Destroyed();
        }
    }
}
