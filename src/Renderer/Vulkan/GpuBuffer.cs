using Silk.NET.Vulkan;
using VkBuffer = Silk.NET.Vulkan.Buffer;

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
    private VkBuffer _buffer;
    private DeviceMemory _memory;

    public GpuBuffer(VulkanDevice device, ulong size, BufferKind kind)
    {
        _device = device;
        Size = size;
        var api = device.Api;
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = size,
            Usage = kind switch
            {
                BufferKind.Storage => BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferDstBit | BufferUsageFlags.TransferSrcBit,
                BufferKind.Upload => BufferUsageFlags.TransferSrcBit | BufferUsageFlags.StorageBufferBit,
                _ => BufferUsageFlags.TransferDstBit,
            },
            SharingMode = SharingMode.Exclusive,
        };
        VkBuffer buffer;
        api.CreateBuffer(device.Handle, &info, null, &buffer).Check("vkCreateBuffer");
        _buffer = buffer;
        device.Created();
        try
        {
            MemoryRequirements req;
            api.GetBufferMemoryRequirements(device.Handle, buffer, &req);
            uint type = kind switch
            {
                BufferKind.Storage => device.MemoryType(req.MemoryTypeBits, MemoryPropertyFlags.DeviceLocalBit, MemoryPropertyFlags.None),
                BufferKind.Upload => device.MemoryType(req.MemoryTypeBits, MemoryPropertyFlags.HostVisibleBit, MemoryPropertyFlags.HostCoherentBit),
                _ => device.MemoryType(req.MemoryTypeBits, MemoryPropertyFlags.HostVisibleBit, MemoryPropertyFlags.HostCachedBit),
            };
            _coherent = (device.MemoryFlags(type) & MemoryPropertyFlags.HostCoherentBit) != 0;
            var alloc = new MemoryAllocateInfo { SType = StructureType.MemoryAllocateInfo, AllocationSize = req.Size, MemoryTypeIndex = type };
            DeviceMemory memory;
            api.AllocateMemory(device.Handle, &alloc, null, &memory).Check("vkAllocateMemory");
            _memory = memory;
            device.Created();
            api.BindBufferMemory(device.Handle, buffer, memory, 0).Check("vkBindBufferMemory");
            if (kind != BufferKind.Storage)
            {
                void* mapped;
                api.MapMemory(device.Handle, memory, 0, Vk.WholeSize, 0, &mapped).Check("vkMapMemory");
                Mapped = (byte*)mapped;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public VkBuffer Handle => _buffer;
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
            var range = WholeRange();
            _device.Api.FlushMappedMemoryRanges(_device.Handle, 1, &range).Check("vkFlushMappedMemoryRanges");
        }
    }

    /// <summary>Makes device writes visible to the host when the memory is not coherent; call after the fence and
    /// the HOST_READ barrier (Vulkan spec, vkInvalidateMappedMemoryRanges).</summary>
    public void InvalidateForHostReads()
    {
        if (!_coherent)
        {
            var range = WholeRange();
            _device.Api.InvalidateMappedMemoryRanges(_device.Handle, 1, &range).Check("vkInvalidateMappedMemoryRanges");
        }
    }

    private MappedMemoryRange WholeRange() =>
        new() { SType = StructureType.MappedMemoryRange, Memory = _memory, Size = Vk.WholeSize };

    public void Dispose()
    {
        if (_buffer.Handle != 0)
        {
            _device.Api.DestroyBuffer(_device.Handle, _buffer, null);
            _buffer = default;
            _device.Destroyed();
        }
        if (_memory.Handle != 0)
        {
            // Freeing mapped memory unmaps it implicitly (Vulkan spec, vkFreeMemory).
            _device.Api.FreeMemory(_device.Handle, _memory, null);
            _memory = default;
            _device.Destroyed();
        }
    }
}
