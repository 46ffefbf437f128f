using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// A descriptor pool sized for a fixed number of storage-buffer sets. Sets are allocated once and rewritten in
/// place when their buffers change, so the pool never fragments (Vulkan spec, vkAllocateDescriptorSets: VK_ERROR_FRAGMENTED_POOL).
/// </summary>
internal sealed unsafe class DescriptorAllocator : IDisposable
{
    private readonly VulkanDevice _device;
    private ulong _pool;

    public DescriptorAllocator(VulkanDevice device, int maxSets, int storageBuffersPerSet)
    {
        _device = device;
        var size = new VkDescriptorPoolSize { Type = VkConst.DescriptorStorageBuffer, DescriptorCount = (uint)(maxSets * storageBuffersPerSet) };
        var info = new VkDescriptorPoolCreateInfo { SType = VkConst.StDescriptorPoolCreateInfo, MaxSets = (uint)maxSets, PoolSizeCount = 1, PPoolSizes = &size };
        ulong pool;
        Vk.Check(device.Api.CreateDescriptorPool(device.Handle, &info, null, &pool), "vkCreateDescriptorPool");
        _pool = pool;
        device.Created();
    }

    /// <summary>Allocates one set of <paramref name="layout"/>; it is freed with the pool.</summary>
    public ulong Allocate(ulong layout)
    {
        var info = new VkDescriptorSetAllocateInfo { SType = VkConst.StDescriptorSetAllocateInfo, DescriptorPool = _pool, DescriptorSetCount = 1, PSetLayouts = &layout };
        ulong set;
        Vk.Check(_device.Api.AllocateDescriptorSets(_device.Handle, &info, &set), "vkAllocateDescriptorSets");
        return set;
    }

    /// <summary>Points binding i of <paramref name="set"/> at buffers[i], whole range. The set must not be in use by
    /// pending work (Vulkan spec, "Descriptor Set Updates": a set used by a pending command buffer must not be updated).</summary>
    public void Write(ulong set, ReadOnlySpan<GpuBuffer> buffers)
    {
        var infos = stackalloc VkDescriptorBufferInfo[buffers.Length];
        var writes = stackalloc VkWriteDescriptorSet[buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            infos[i] = new VkDescriptorBufferInfo { Buffer = buffers[i].Handle, Range = VkConst.WholeSize };
            writes[i] = new VkWriteDescriptorSet
            {
                SType = VkConst.StWriteDescriptorSet,
                DstSet = set,
                DstBinding = (uint)i,
                DescriptorCount = 1,
                DescriptorType = VkConst.DescriptorStorageBuffer,
                PBufferInfo = &infos[i],
            };
        }
        _device.Api.UpdateDescriptorSets(_device.Handle, (uint)buffers.Length, writes, 0, null);
    }

    public void Dispose()
    {
        if (_pool != 0)
        {
            _device.Api.DestroyDescriptorPool(_device.Handle, _pool, null);
            _pool = 0;
            _device.Destroyed();
        }
    }
}
