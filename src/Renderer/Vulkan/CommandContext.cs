using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// One renderer's command pool, its single primary command buffer and the fence that says it finished. A command
/// pool is externally synchronised (Vulkan spec, "Command Pools": externally synchronized), so each renderer owns one and records on one thread at a time;
/// only the queue submission goes through the shared <see cref="VulkanDevice"/>.
/// </summary>
internal sealed unsafe class CommandContext : IDisposable
{
    private readonly VulkanDevice _device;
    private CommandPool _pool;
    private Fence _fence;
    private readonly Dictionary<string, int> _dispatches = [];

    public CommandContext(VulkanDevice device)
    {
        _device = device;
        var api = device.Api;
        try
        {
            var poolInfo = new CommandPoolCreateInfo
            {
                SType = StructureType.CommandPoolCreateInfo,
                Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
                QueueFamilyIndex = device.QueueFamily,
            };
            CommandPool pool;
            api.CreateCommandPool(device.Handle, &poolInfo, null, &pool).Check("vkCreateCommandPool");
            _pool = pool;
            device.Created();
            var allocInfo = new CommandBufferAllocateInfo
            {
                SType = StructureType.CommandBufferAllocateInfo,
                CommandPool = pool,
                Level = CommandBufferLevel.Primary,
                CommandBufferCount = 1,
            };
            CommandBuffer buffer;
            api.AllocateCommandBuffers(device.Handle, &allocInfo, &buffer).Check("vkAllocateCommandBuffers");
            Buffer = buffer;
            var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
            Fence fence;
            api.CreateFence(device.Handle, &fenceInfo, null, &fence).Check("vkCreateFence");
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
    public CommandBuffer Buffer { get; }

    public Vk Api => _device.Api;

    /// <summary>Dispatches recorded since the last <see cref="Begin"/>, per kernel (<see cref="ComputePipeline.Kernel"/>).</summary>
    public IReadOnlyDictionary<string, int> Dispatches => _dispatches;

    /// <summary>Submissions since the last <see cref="Begin"/>.</summary>
    public int Submissions { get; private set; }

    public void Begin()
    {
        _dispatches.Clear();
        Submissions = 0;
        // The pool's RESET_COMMAND_BUFFER flag lets vkBeginCommandBuffer reset the buffer implicitly (Vulkan spec, "Command Buffer Recording").
        var info = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        Api.BeginCommandBuffer(Buffer, &info).Check("vkBeginCommandBuffer");
    }

    /// <summary>Ends recording, submits and blocks until the device has finished (or <paramref name="timeout"/>).</summary>
    public void SubmitAndWait(TimeSpan timeout)
    {
        Api.EndCommandBuffer(Buffer).Check("vkEndCommandBuffer");
        _device.Submit(Buffer, _fence);
        Submissions++;
        var fence = _fence;
        var result = Api.WaitForFences(_device.Handle, 1, &fence, true, (ulong)timeout.Ticks * 100);
        if (result == Result.Timeout)
        {
            // The work is still queued: waiting it out keeps the buffers it uses alive and the pool resettable.
            Api.WaitForFences(_device.Handle, 1, &fence, true, ulong.MaxValue).Check("vkWaitForFences");
            throw new VulkanException($"vkWaitForFences: the frame took longer than {timeout.TotalMilliseconds:0} ms");
        }
        result.Check("vkWaitForFences");
        Api.ResetFences(_device.Handle, 1, &fence).Check("vkResetFences");
    }

    /// <summary>Binds a compute pipeline with its one descriptor set and push constants and dispatches it.</summary>
    public void Dispatch(ComputePipeline pipeline, DescriptorSet set, void* pushConstants, uint pushBytes, uint groupsX, uint groupsY)
    {
        Api.CmdBindPipeline(Buffer, PipelineBindPoint.Compute, pipeline.Handle);
        Api.CmdBindDescriptorSets(Buffer, PipelineBindPoint.Compute, pipeline.Layout, 0, 1, &set, 0, null);
        Api.CmdPushConstants(Buffer, pipeline.Layout, ShaderStageFlags.ComputeBit, 0, pushBytes, pushConstants);
        Api.CmdDispatch(Buffer, groupsX, groupsY, 1);
        _dispatches[pipeline.Kernel] = _dispatches.GetValueOrDefault(pipeline.Kernel) + 1;
    }

    /// <summary>A barrier on one buffer, whole range. Callers say which hazard it prevents.</summary>
    public void BufferBarrier(GpuBuffer buffer, PipelineStageFlags srcStage, AccessFlags srcAccess, PipelineStageFlags dstStage, AccessFlags dstAccess)
    {
        var barrier = new BufferMemoryBarrier
        {
            SType = StructureType.BufferMemoryBarrier,
            SrcAccessMask = srcAccess,
            DstAccessMask = dstAccess,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Buffer = buffer.Handle,
            Size = Vk.WholeSize,
        };
        Api.CmdPipelineBarrier(Buffer, srcStage, dstStage, 0, 0, null, 1, &barrier, 0, null);
    }

    public void Copy(GpuBuffer source, GpuBuffer destination, ulong bytes) => CopyAt(source, destination, bytes, 0);

    /// <summary>Copies the first <paramref name="bytes"/> of source to <paramref name="destinationOffset"/> in destination.</summary>
    public void CopyAt(GpuBuffer source, GpuBuffer destination, ulong bytes, ulong destinationOffset)
    {
        var region = new BufferCopy { Size = bytes, DstOffset = destinationOffset };
        Api.CmdCopyBuffer(Buffer, source.Handle, destination.Handle, 1, &region);
    }

    public void Dispose()
    {
        if (_fence.Handle != 0)
        {
            _device.Api.DestroyFence(_device.Handle, _fence, null);
            _fence = default;
            _device.Destroyed();
        }
        if (_pool.Handle != 0)
        {
            // Destroying the pool frees its command buffers (Vulkan spec, vkDestroyCommandPool).
            _device.Api.DestroyCommandPool(_device.Handle, _pool, null);
            _pool = default;
            _device.Destroyed();
        }
    }
}
