using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// One compute shader ready to dispatch: its descriptor set layout (storage buffers at bindings 0..n−1), pipeline
/// layout (one push-constant block) and pipeline, specialised with 32-bit constants 0..k−1 (Vulkan spec,
/// "Specialization Constants"). The shader module lives only as long as pipeline creation needs it (Vulkan spec, vkDestroyShaderModule).
/// </summary>
internal sealed unsafe class ComputePipeline : IDisposable
{
    private static readonly byte[] EntryPoint = "main\0"u8.ToArray();
    private readonly VulkanDevice _device;

    public ComputePipeline(VulkanDevice device, SpirvModule shader, int storageBuffers, uint pushConstantBytes, ReadOnlySpan<uint> specialization)
    {
        _device = device;
        try
        {
            SetLayout = CreateSetLayout(storageBuffers);
            Layout = CreateLayout(SetLayout, pushConstantBytes);
            Handle = CreatePipeline(shader, Layout, specialization);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ulong SetLayout { get; private set; }
    public ulong Layout { get; private set; }
    public ulong Handle { get; private set; }

    private ulong CreateSetLayout(int count)
    {
        var bindings = stackalloc VkDescriptorSetLayoutBinding[count];
        for (int i = 0; i < count; i++)
        {
            bindings[i] = new VkDescriptorSetLayoutBinding
            {
                Binding = (uint)i,
                DescriptorType = VkConst.DescriptorStorageBuffer,
                DescriptorCount = 1,
                StageFlags = VkConst.ShaderStageCompute,
            };
        }
        var info = new VkDescriptorSetLayoutCreateInfo { SType = VkConst.StDescriptorSetLayoutCreateInfo, BindingCount = (uint)count, PBindings = bindings };
        ulong layout;
        Vk.Check(_device.Api.CreateDescriptorSetLayout(_device.Handle, &info, null, &layout), "vkCreateDescriptorSetLayout");
        _device.Created();
        return layout;
    }

    private ulong CreateLayout(ulong setLayout, uint pushConstantBytes)
    {
        var range = new VkPushConstantRange { StageFlags = VkConst.ShaderStageCompute, Size = pushConstantBytes };
        var info = new VkPipelineLayoutCreateInfo
        {
            SType = VkConst.StPipelineLayoutCreateInfo,
            SetLayoutCount = 1,
            PSetLayouts = &setLayout,
            PushConstantRangeCount = pushConstantBytes > 0 ? 1u : 0u,
            PPushConstantRanges = &range,
        };
        ulong layout;
        Vk.Check(_device.Api.CreatePipelineLayout(_device.Handle, &info, null, &layout), "vkCreatePipelineLayout");
        _device.Created();
        return layout;
    }

    private ulong CreatePipeline(SpirvModule shader, ulong layout, ReadOnlySpan<uint> specialization)
    {
        ulong module;
        fixed (uint* code = shader.Words)
        {
            var info = new VkShaderModuleCreateInfo { SType = VkConst.StShaderModuleCreateInfo, CodeSize = (nuint)(shader.Words.Length * 4), PCode = code };
            Vk.Check(_device.Api.CreateShaderModule(_device.Handle, &info, null, &module), $"vkCreateShaderModule ({shader.Name})");
        }
        try
        {
            var entries = stackalloc VkSpecializationMapEntry[specialization.Length];
            for (int i = 0; i < specialization.Length; i++)
            {
                entries[i] = new VkSpecializationMapEntry { ConstantId = (uint)i, Offset = (uint)(4 * i), Size = 4 };
            }
            fixed (uint* data = specialization)
            fixed (byte* name = EntryPoint)
            {
                var spec = new VkSpecializationInfo
                {
                    MapEntryCount = (uint)specialization.Length,
                    PMapEntries = entries,
                    DataSize = (nuint)(4 * specialization.Length),
                    PData = data,
                };
                var info = new VkComputePipelineCreateInfo
                {
                    SType = VkConst.StComputePipelineCreateInfo,
                    Stage = new VkPipelineShaderStageCreateInfo
                    {
                        SType = VkConst.StPipelineShaderStageCreateInfo,
                        Stage = VkConst.ShaderStageCompute,
                        Module = module,
                        PName = name,
                        PSpecializationInfo = &spec,
                    },
                    Layout = layout,
                    BasePipelineIndex = -1,
                };
                ulong pipeline;
                Vk.Check(_device.Api.CreateComputePipelines(_device.Handle, 0, 1, &info, null, &pipeline), $"vkCreateComputePipelines ({shader.Name})");
                _device.Created();
                return pipeline;
            }
        }
        finally
        {
            _device.Api.DestroyShaderModule(_device.Handle, module, null);
        }
    }

    public void Dispose()
    {
        var api = _device.Api;
        if (Handle != 0)
        {
            api.DestroyPipeline(_device.Handle, Handle, null);
            Handle = 0;
            _device.Destroyed();
        }
        if (Layout != 0)
        {
            api.DestroyPipelineLayout(_device.Handle, Layout, null);
            Layout = 0;
            _device.Destroyed();
        }
        if (SetLayout != 0)
        {
            api.DestroyDescriptorSetLayout(_device.Handle, SetLayout, null);
            SetLayout = 0;
            _device.Destroyed();
        }
    }
}
