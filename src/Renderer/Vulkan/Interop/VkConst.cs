namespace PortraitStream.Renderer.Vulkan.Interop;

/// <summary>
/// The enum and flag values a headless compute renderer uses, with the values from the Vulkan registry
/// (vulkan_core.h 1.3). Flags are plain <c>uint</c> so that combinations read like the C API.
/// </summary>
internal static class VkConst
{
    /// <summary>VK_MAKE_API_VERSION(0, 1, 2, 0): the oldest API the renderer targets (issue 4: Vulkan 1.2+).</summary>
    public const uint ApiVersion12 = (1u << 22) | (2u << 12);

    public const ulong WholeSize = ulong.MaxValue;
    public const uint QueueFamilyIgnored = uint.MaxValue;

    // VkStructureType
    public const uint StApplicationInfo = 0;
    public const uint StInstanceCreateInfo = 1;
    public const uint StDeviceQueueCreateInfo = 2;
    public const uint StDeviceCreateInfo = 3;
    public const uint StSubmitInfo = 4;
    public const uint StMemoryAllocateInfo = 5;
    public const uint StMappedMemoryRange = 6;
    public const uint StFenceCreateInfo = 8;
    public const uint StQueryPoolCreateInfo = 11;
    public const uint StBufferCreateInfo = 12;
    public const uint StShaderModuleCreateInfo = 16;
    public const uint StPipelineShaderStageCreateInfo = 18;
    public const uint StComputePipelineCreateInfo = 29;
    public const uint StPipelineLayoutCreateInfo = 30;
    public const uint StDescriptorSetLayoutCreateInfo = 32;
    public const uint StDescriptorPoolCreateInfo = 33;
    public const uint StDescriptorSetAllocateInfo = 34;
    public const uint StWriteDescriptorSet = 35;
    public const uint StCommandPoolCreateInfo = 39;
    public const uint StCommandBufferAllocateInfo = 40;
    public const uint StCommandBufferBeginInfo = 42;
    public const uint StBufferMemoryBarrier = 44;

    // VkPhysicalDeviceType
    public const uint DeviceTypeIntegratedGpu = 1;
    public const uint DeviceTypeDiscreteGpu = 2;
    public const uint DeviceTypeVirtualGpu = 3;
    public const uint DeviceTypeCpu = 4;

    // VkQueueFlagBits
    public const uint QueueCompute = 0x2;

    // VkMemoryPropertyFlagBits
    public const uint MemoryDeviceLocal = 0x1;
    public const uint MemoryHostVisible = 0x2;
    public const uint MemoryHostCoherent = 0x4;
    public const uint MemoryHostCached = 0x8;

    // VkBufferUsageFlagBits
    public const uint BufferTransferSrc = 0x1;
    public const uint BufferTransferDst = 0x2;
    public const uint BufferStorage = 0x20;

    // VkDescriptorType
    public const uint DescriptorStorageBuffer = 7;

    public const uint ShaderStageCompute = 0x20;
    public const uint PipelineBindPointCompute = 1;

    // VkPipelineStageFlagBits
    public const uint StageTopOfPipe = 0x1;
    public const uint StageComputeShader = 0x800;
    public const uint StageTransfer = 0x1000;
    public const uint StageBottomOfPipe = 0x2000;
    public const uint StageHost = 0x4000;

    // VkAccessFlagBits
    public const uint AccessShaderRead = 0x20;
    public const uint AccessShaderWrite = 0x40;
    public const uint AccessTransferRead = 0x800;
    public const uint AccessTransferWrite = 0x1000;
    public const uint AccessHostRead = 0x2000;

    public const uint CommandPoolResetCommandBuffer = 0x2;
    public const uint CommandBufferLevelPrimary = 0;
    public const uint CommandBufferUsageOneTimeSubmit = 0x1;

    public const uint QueryTypeTimestamp = 2;
    public const uint QueryResult64 = 0x1;
    public const uint QueryResultWait = 0x2;

    public const uint SharingModeExclusive = 0;
}
