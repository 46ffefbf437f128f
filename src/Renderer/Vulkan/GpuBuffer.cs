using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// A VkBuffer with its own VkDeviceMemory (a renderer holds a handful of buffers, far below
/// maxMemoryAllocationCount, so a sub-allocator would buy nothing). Host-visible buffers stay mapped for life
/// (Vulkan spec, "Host Access to Device Memory Objects", allows persistent mapping).
/// </summary>
internal sealed unsafe class GpuBuffer : IDisposable
{
    private readonly VulkanDevice _device;
    private readonly bool _coherent;
    private ulong _buffer;
    private ulong _memory;

    public GpuBuffer(VulkanDevice device, ulong size, BufferKind kind)
    {
        _device = device;
        Size = size;
        var api = device.Api;
        var info = new VkBufferCreateInfo
        {
            SType = VkConst.StBufferCreateInfo,
            Size = size,
            Usage = kind switch
            {
                BufferKind.Storage => VkConst.BufferStorage | VkConst.BufferTransferDst | VkConst.BufferTransferSrc,
                BufferKind.Upload => VkConst.BufferTransferSrc | VkConst.BufferStorage,
                _ => VkConst.BufferTransferDst,
            },
            SharingMode = VkConst.SharingModeExclusive,
        };
        ulong buffer;
        Vk.Check(api.CreateBuffer(device.Handle, &info, null, &buffer), "vkCreateBuffer");
        _buffer = buffer;
        device.Created();
        try
        {
            VkMemoryRequirements req;
            api.GetBufferMemoryRequirements(device.Handle, buffer, &req);
            uint type = kind switch
            {
                BufferKind.Storage => device.MemoryType(req.MemoryTypeBits, VkConst.MemoryDeviceLocal, 0),
                BufferKind.Upload => device.MemoryType(req.MemoryTypeBits, VkConst.MemoryHostVisible, VkConst.MemoryHostCoherent),
                _ => device.MemoryType(req.MemoryTypeBits, VkConst.MemoryHostVisible, VkConst.MemoryHostCached),
            };
            _coherent = (device.MemoryFlags(type) & VkConst.MemoryHostCoherent) != 0;
            var alloc = new VkMemoryAllocateInfo { SType = VkConst.StMemoryAllocateInfo, AllocationSize = req.Size, MemoryTypeIndex = type };
            ulong memory;
            Vk.Check(api.AllocateMemory(device.Handle, &alloc, null, &memory), "vkAllocateMemory");
            _memory = memory;
            device.Created();
            Vk.Check(api.BindBufferMemory(device.Handle, buffer, memory, 0), "vkBindBufferMemory");
            if (kind != BufferKind.Storage)
            {
                void* mapped;
                Vk.Check(api.MapMemory(device.Handle, memory, 0, VkConst.WholeSize, 0, &mapped), "vkMapMemory");
                Mapped = (byte*)mapped;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ulong Handle => _buffer;
    public ulong Size { get; }

    /// <summary>The persistent mapping of an upload or readback buffer; null for device-local storage.</summary>
    public byte* Mapped { get; }

    public Span<T> Host<T>() where T : unmanaged =>
        Mapped != null ? new Span<T>(Mapped, checked((int)(Size / (ulong)sizeof(T)))) : throw new InvalidOperationException("buffer is not host-visible");

    /// <summary>Makes host writes visible to the device when the memory is not coherent (Vulkan spec,
    /// vkFlushMappedMemoryRanges); the submit that follows is the host→device dependency ("Host Write Ordering Guarantees").</summary>
    public void FlushHostWrites()
    {
        if (!_coherent)
        {
            var range = new VkMappedMemoryRange { SType = VkConst.StMappedMemoryRange, Memory = _memory, Size = VkConst.WholeSize };
            Vk.Check(_device.Api.FlushMappedMemoryRanges(_device.Handle, 1, &range), "vkFlushMappedMemoryRanges");
        }
    }

    /// <summary>Makes device writes visible to the host when the memory is not coherent; call after the fence and
    /// the HOST_READ barrier (Vulkan spec, vkInvalidateMappedMemoryRanges).</summary>
    public void InvalidateForHostReads()
    {
        if (!_coherent)
        {
            var range = new VkMappedMemoryRange { SType = VkConst.StMappedMemoryRange, Memory = _memory, Size = VkConst.WholeSize };
            Vk.Check(_device.Api.InvalidateMappedMemoryRanges(_device.Handle, 1, &range), "vkInvalidateMappedMemoryRanges");
        }
    }

    public void Dispose()
    {
        if (_buffer != 0)
        {
            _device.Api.DestroyBuffer(_device.Handle, _buffer, null);
            _buffer = 0;
            _device.Destroyed();
        }
        if (_memory != 0)
        {
            // Freeing mapped memory unmaps it implicitly (Vulkan spec, vkFreeMemory).
            _device.Api.FreeMemory(_device.Handle, _memory, null);
            _memory = 0;
            _device.Destroyed();
        }
    }
}
