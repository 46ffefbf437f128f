using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// One renderer's command pool, its single primary command buffer and the fence that says it finished. A command
/// pool is externally synchronised (Vulkan spec, "Command Pools": externally synchronized), so each renderer owns one and records on one thread at a time;
/// only the queue submission goes through the shared <see cref="VulkanDevice"/>.
/// </summary>
internal sealed unsafe class CommandContext : IDisposable
{
    private readonly VulkanDevice _device;
    private ulong _pool;
    private ulong _fence;

    public CommandContext(VulkanDevice device)
    {
        _device = device;
        var api = device.Api;
        try
        {
            var poolInfo = new VkCommandPoolCreateInfo
            {
                SType = VkConst.StCommandPoolCreateInfo,
                Flags = VkConst.CommandPoolResetCommandBuffer,
                QueueFamilyIndex = device.QueueFamily,
            };
            ulong pool;
            Vk.Check(api.CreateCommandPool(device.Handle, &poolInfo, null, &pool), "vkCreateCommandPool");
            _pool = pool;
            device.Created();
            var allocInfo = new VkCommandBufferAllocateInfo
            {
                SType = VkConst.StCommandBufferAllocateInfo,
                CommandPool = pool,
                Level = VkConst.CommandBufferLevelPrimary,
                CommandBufferCount = 1,
            };
            nint buffer;
            Vk.Check(api.AllocateCommandBuffers(device.Handle, &allocInfo, &buffer), "vkAllocateCommandBuffers");
            Buffer = buffer;
            var fenceInfo = new VkFenceCreateInfo { SType = VkConst.StFenceCreateInfo };
            ulong fence;
            Vk.Check(api.CreateFence(device.Handle, &fenceInfo, null, &fence), "vkCreateFence");
            _fence = fence;
            device.Created();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The VkCommandBuffer to record into between <see cref="Begin"/> and <see cref="SubmitAndWait"/>.</summary>
    public nint Buffer { get; }

    public DeviceApi Api => _device.Api;

    public void Begin()
    {
        // The pool's RESET_COMMAND_BUFFER flag lets vkBeginCommandBuffer reset the buffer implicitly (Vulkan spec, "Command Buffer Recording").
        var info = new VkCommandBufferBeginInfo { SType = VkConst.StCommandBufferBeginInfo, Flags = VkConst.CommandBufferUsageOneTimeSubmit };
        Vk.Check(Api.BeginCommandBuffer(Buffer, &info), "vkBeginCommandBuffer");
    }

    /// <summary>Ends recording, submits and blocks until the device has finished (or <paramref name="timeout"/>).</summary>
    public void SubmitAndWait(TimeSpan timeout)
    {
        Vk.Check(Api.EndCommandBuffer(Buffer), "vkEndCommandBuffer");
        _device.Submit(Buffer, _fence);
        ulong fence = _fence;
        var result = Api.WaitForFences(_device.Handle, 1, &fence, 1, (ulong)timeout.Ticks * 100);
        if (result == VkResult.Timeout)
        {
            // The work is still queued: waiting it out keeps the buffers it uses alive and the pool resettable.
            Vk.Check(Api.WaitForFences(_device.Handle, 1, &fence, 1, ulong.MaxValue), "vkWaitForFences");
            throw new VulkanException($"vkWaitForFences: the frame took longer than {timeout.TotalMilliseconds:0} ms");
        }
        Vk.Check(result, "vkWaitForFences");
        Vk.Check(Api.ResetFences(_device.Handle, 1, &fence), "vkResetFences");
    }

    /// <summary>Binds a compute pipeline with its one descriptor set and push constants and dispatches it.</summary>
    public void Dispatch(ComputePipeline pipeline, ulong set, void* pushConstants, uint pushBytes, uint groupsX, uint groupsY)
    {
        Api.CmdBindPipeline(Buffer, VkConst.PipelineBindPointCompute, pipeline.Handle);
        Api.CmdBindDescriptorSets(Buffer, VkConst.PipelineBindPointCompute, pipeline.Layout, 0, 1, &set, 0, null);
        Api.CmdPushConstants(Buffer, pipeline.Layout, VkConst.ShaderStageCompute, 0, pushBytes, pushConstants);
        Api.CmdDispatch(Buffer, groupsX, groupsY, 1);
    }

    /// <summary>A barrier on one buffer, whole range. Callers say which hazard it prevents.</summary>
    public void BufferBarrier(GpuBuffer buffer, uint srcStage, uint srcAccess, uint dstStage, uint dstAccess)
    {
        var barrier = new VkBufferMemoryBarrier
        {
            SType = VkConst.StBufferMemoryBarrier,
            SrcAccessMask = srcAccess,
            DstAccessMask = dstAccess,
            SrcQueueFamilyIndex = VkConst.QueueFamilyIgnored,
            DstQueueFamilyIndex = VkConst.QueueFamilyIgnored,
            Buffer = buffer.Handle,
            Size = VkConst.WholeSize,
        };
        Api.CmdPipelineBarrier(Buffer, srcStage, dstStage, 0, 0, null, 1, &barrier, 0, null);
    }

    public void Copy(GpuBuffer source, GpuBuffer destination, ulong bytes) => CopyAt(source, destination, bytes, 0);

    /// <summary>Copies the first <paramref name="bytes"/> of source to <paramref name="destinationOffset"/> in destination.</summary>
    public void CopyAt(GpuBuffer source, GpuBuffer destination, ulong bytes, ulong destinationOffset)
    {
        var region = new VkBufferCopy { Size = bytes, DstOffset = destinationOffset };
        Api.CmdCopyBuffer(Buffer, source.Handle, destination.Handle, 1, &region);
    }

    public void Dispose()
    {
        if (_fence != 0)
        {
            _device.Api.DestroyFence(_device.Handle, _fence, null);
            _fence = 0;
            _device.Destroyed();
        }
        if (_pool != 0)
        {
            // Destroying the pool frees its command buffers (Vulkan spec, vkDestroyCommandPool).
            _device.Api.DestroyCommandPool(_device.Handle, _pool, null);
            _pool = 0;
            _device.Destroyed();
        }
    }
}
