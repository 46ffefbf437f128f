namespace PortraitStream.Renderer.Vulkan.Interop;

/// <summary>
/// Device-level commands, resolved once per device through vkGetDeviceProcAddr so that calls skip the loader's
/// dispatch trampoline (Vulkan spec, "Command Function Pointers"). Handles: dispatchable (VkDevice, VkQueue, VkCommandBuffer) are
/// <c>nint</c>; non-dispatchable (buffers, memory, pipelines, …) are 64-bit <c>ulong</c> on every platform.
/// Only what a headless compute renderer needs.
/// </summary>
internal sealed unsafe class DeviceApi
{
    public DeviceApi(InstanceApi instance, nint device)
    {
        nint Get(string name) => Vk.Resolve(instance.GetDeviceProcAddr, device, name);
        DestroyDevice = (delegate* unmanaged<nint, void*, void>)Get("vkDestroyDevice");
        GetDeviceQueue = (delegate* unmanaged<nint, uint, uint, nint*, void>)Get("vkGetDeviceQueue");
        QueueSubmit = (delegate* unmanaged<nint, uint, VkSubmitInfo*, ulong, VkResult>)Get("vkQueueSubmit");
        DeviceWaitIdle = (delegate* unmanaged<nint, VkResult>)Get("vkDeviceWaitIdle");
        AllocateMemory = (delegate* unmanaged<nint, VkMemoryAllocateInfo*, void*, ulong*, VkResult>)Get("vkAllocateMemory");
        FreeMemory = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkFreeMemory");
        MapMemory = (delegate* unmanaged<nint, ulong, ulong, ulong, uint, void**, VkResult>)Get("vkMapMemory");
        FlushMappedMemoryRanges = (delegate* unmanaged<nint, uint, VkMappedMemoryRange*, VkResult>)Get("vkFlushMappedMemoryRanges");
        InvalidateMappedMemoryRanges = (delegate* unmanaged<nint, uint, VkMappedMemoryRange*, VkResult>)Get("vkInvalidateMappedMemoryRanges");
        CreateBuffer = (delegate* unmanaged<nint, VkBufferCreateInfo*, void*, ulong*, VkResult>)Get("vkCreateBuffer");
        DestroyBuffer = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyBuffer");
        GetBufferMemoryRequirements = (delegate* unmanaged<nint, ulong, VkMemoryRequirements*, void>)Get("vkGetBufferMemoryRequirements");
        BindBufferMemory = (delegate* unmanaged<nint, ulong, ulong, ulong, VkResult>)Get("vkBindBufferMemory");
        CreateShaderModule = (delegate* unmanaged<nint, VkShaderModuleCreateInfo*, void*, ulong*, VkResult>)Get("vkCreateShaderModule");
        DestroyShaderModule = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyShaderModule");
        CreateDescriptorSetLayout = (delegate* unmanaged<nint, VkDescriptorSetLayoutCreateInfo*, void*, ulong*, VkResult>)Get("vkCreateDescriptorSetLayout");
        DestroyDescriptorSetLayout = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyDescriptorSetLayout");
        CreatePipelineLayout = (delegate* unmanaged<nint, VkPipelineLayoutCreateInfo*, void*, ulong*, VkResult>)Get("vkCreatePipelineLayout");
        DestroyPipelineLayout = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyPipelineLayout");
        CreateComputePipelines = (delegate* unmanaged<nint, ulong, uint, VkComputePipelineCreateInfo*, void*, ulong*, VkResult>)Get("vkCreateComputePipelines");
        DestroyPipeline = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyPipeline");
        CreateDescriptorPool = (delegate* unmanaged<nint, VkDescriptorPoolCreateInfo*, void*, ulong*, VkResult>)Get("vkCreateDescriptorPool");
        DestroyDescriptorPool = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyDescriptorPool");
        AllocateDescriptorSets = (delegate* unmanaged<nint, VkDescriptorSetAllocateInfo*, ulong*, VkResult>)Get("vkAllocateDescriptorSets");
        UpdateDescriptorSets = (delegate* unmanaged<nint, uint, VkWriteDescriptorSet*, uint, void*, void>)Get("vkUpdateDescriptorSets");
        CreateCommandPool = (delegate* unmanaged<nint, VkCommandPoolCreateInfo*, void*, ulong*, VkResult>)Get("vkCreateCommandPool");
        DestroyCommandPool = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyCommandPool");
        AllocateCommandBuffers = (delegate* unmanaged<nint, VkCommandBufferAllocateInfo*, nint*, VkResult>)Get("vkAllocateCommandBuffers");
        BeginCommandBuffer = (delegate* unmanaged<nint, VkCommandBufferBeginInfo*, VkResult>)Get("vkBeginCommandBuffer");
        EndCommandBuffer = (delegate* unmanaged<nint, VkResult>)Get("vkEndCommandBuffer");
        CmdBindPipeline = (delegate* unmanaged<nint, uint, ulong, void>)Get("vkCmdBindPipeline");
        CmdBindDescriptorSets = (delegate* unmanaged<nint, uint, ulong, uint, uint, ulong*, uint, uint*, void>)Get("vkCmdBindDescriptorSets");
        CmdPushConstants = (delegate* unmanaged<nint, ulong, uint, uint, uint, void*, void>)Get("vkCmdPushConstants");
        CmdDispatch = (delegate* unmanaged<nint, uint, uint, uint, void>)Get("vkCmdDispatch");
        CmdPipelineBarrier = (delegate* unmanaged<nint, uint, uint, uint, uint, void*, uint, VkBufferMemoryBarrier*, uint, void*, void>)Get("vkCmdPipelineBarrier");
        CmdCopyBuffer = (delegate* unmanaged<nint, ulong, ulong, uint, VkBufferCopy*, void>)Get("vkCmdCopyBuffer");
        CmdResetQueryPool = (delegate* unmanaged<nint, ulong, uint, uint, void>)Get("vkCmdResetQueryPool");
        CmdWriteTimestamp = (delegate* unmanaged<nint, uint, ulong, uint, void>)Get("vkCmdWriteTimestamp");
        CreateFence = (delegate* unmanaged<nint, VkFenceCreateInfo*, void*, ulong*, VkResult>)Get("vkCreateFence");
        DestroyFence = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyFence");
        WaitForFences = (delegate* unmanaged<nint, uint, ulong*, uint, ulong, VkResult>)Get("vkWaitForFences");
        ResetFences = (delegate* unmanaged<nint, uint, ulong*, VkResult>)Get("vkResetFences");
        CreateQueryPool = (delegate* unmanaged<nint, VkQueryPoolCreateInfo*, void*, ulong*, VkResult>)Get("vkCreateQueryPool");
        DestroyQueryPool = (delegate* unmanaged<nint, ulong, void*, void>)Get("vkDestroyQueryPool");
        GetQueryPoolResults = (delegate* unmanaged<nint, ulong, uint, uint, nuint, void*, ulong, uint, VkResult>)Get("vkGetQueryPoolResults");
    }

    public readonly delegate* unmanaged<nint, void*, void> DestroyDevice;
    public readonly delegate* unmanaged<nint, uint, uint, nint*, void> GetDeviceQueue;
    public readonly delegate* unmanaged<nint, uint, VkSubmitInfo*, ulong, VkResult> QueueSubmit;
    public readonly delegate* unmanaged<nint, VkResult> DeviceWaitIdle;
    public readonly delegate* unmanaged<nint, VkMemoryAllocateInfo*, void*, ulong*, VkResult> AllocateMemory;
    public readonly delegate* unmanaged<nint, ulong, void*, void> FreeMemory;
    public readonly delegate* unmanaged<nint, ulong, ulong, ulong, uint, void**, VkResult> MapMemory;
    public readonly delegate* unmanaged<nint, uint, VkMappedMemoryRange*, VkResult> FlushMappedMemoryRanges;
    public readonly delegate* unmanaged<nint, uint, VkMappedMemoryRange*, VkResult> InvalidateMappedMemoryRanges;
    public readonly delegate* unmanaged<nint, VkBufferCreateInfo*, void*, ulong*, VkResult> CreateBuffer;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyBuffer;
    public readonly delegate* unmanaged<nint, ulong, VkMemoryRequirements*, void> GetBufferMemoryRequirements;
    public readonly delegate* unmanaged<nint, ulong, ulong, ulong, VkResult> BindBufferMemory;
    public readonly delegate* unmanaged<nint, VkShaderModuleCreateInfo*, void*, ulong*, VkResult> CreateShaderModule;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyShaderModule;
    public readonly delegate* unmanaged<nint, VkDescriptorSetLayoutCreateInfo*, void*, ulong*, VkResult> CreateDescriptorSetLayout;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyDescriptorSetLayout;
    public readonly delegate* unmanaged<nint, VkPipelineLayoutCreateInfo*, void*, ulong*, VkResult> CreatePipelineLayout;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyPipelineLayout;
    public readonly delegate* unmanaged<nint, ulong, uint, VkComputePipelineCreateInfo*, void*, ulong*, VkResult> CreateComputePipelines;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyPipeline;
    public readonly delegate* unmanaged<nint, VkDescriptorPoolCreateInfo*, void*, ulong*, VkResult> CreateDescriptorPool;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyDescriptorPool;
    public readonly delegate* unmanaged<nint, VkDescriptorSetAllocateInfo*, ulong*, VkResult> AllocateDescriptorSets;
    public readonly delegate* unmanaged<nint, uint, VkWriteDescriptorSet*, uint, void*, void> UpdateDescriptorSets;
    public readonly delegate* unmanaged<nint, VkCommandPoolCreateInfo*, void*, ulong*, VkResult> CreateCommandPool;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyCommandPool;
    public readonly delegate* unmanaged<nint, VkCommandBufferAllocateInfo*, nint*, VkResult> AllocateCommandBuffers;
    public readonly delegate* unmanaged<nint, VkCommandBufferBeginInfo*, VkResult> BeginCommandBuffer;
    public readonly delegate* unmanaged<nint, VkResult> EndCommandBuffer;
    public readonly delegate* unmanaged<nint, uint, ulong, void> CmdBindPipeline;
    public readonly delegate* unmanaged<nint, uint, ulong, uint, uint, ulong*, uint, uint*, void> CmdBindDescriptorSets;
    public readonly delegate* unmanaged<nint, ulong, uint, uint, uint, void*, void> CmdPushConstants;
    public readonly delegate* unmanaged<nint, uint, uint, uint, void> CmdDispatch;
    public readonly delegate* unmanaged<nint, uint, uint, uint, uint, void*, uint, VkBufferMemoryBarrier*, uint, void*, void> CmdPipelineBarrier;
    public readonly delegate* unmanaged<nint, ulong, ulong, uint, VkBufferCopy*, void> CmdCopyBuffer;
    public readonly delegate* unmanaged<nint, ulong, uint, uint, void> CmdResetQueryPool;
    public readonly delegate* unmanaged<nint, uint, ulong, uint, void> CmdWriteTimestamp;
    public readonly delegate* unmanaged<nint, VkFenceCreateInfo*, void*, ulong*, VkResult> CreateFence;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyFence;
    public readonly delegate* unmanaged<nint, uint, ulong*, uint, ulong, VkResult> WaitForFences;
    public readonly delegate* unmanaged<nint, uint, ulong*, VkResult> ResetFences;
    public readonly delegate* unmanaged<nint, VkQueryPoolCreateInfo*, void*, ulong*, VkResult> CreateQueryPool;
    public readonly delegate* unmanaged<nint, ulong, void*, void> DestroyQueryPool;
    public readonly delegate* unmanaged<nint, ulong, uint, uint, nuint, void*, ulong, uint, VkResult> GetQueryPoolResults;
}
