using Silk.NET.Vulkan;

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
        Kernel = shader.Name;
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

    /// <summary>The shader's name (its file name without extension, e.g. <c>live</c>), for counting dispatches.</summary>
    public string Kernel { get; }

    public DescriptorSetLayout SetLayout { get; private set; }
    public PipelineLayout Layout { get; private set; }
    public Pipeline Handle { get; private set; }

    private DescriptorSetLayout CreateSetLayout(int count)
    {
        var bindings = stackalloc DescriptorSetLayoutBinding[count];
        for (int i = 0; i < count; i++)
        {
            bindings[i] = new DescriptorSetLayoutBinding
            {
                Binding = (uint)i,
                DescriptorType = DescriptorType.StorageBuffer,
                DescriptorCount = 1,
                StageFlags = ShaderStageFlags.ComputeBit,
            };
        }
        var info = new DescriptorSetLayoutCreateInfo { SType = StructureType.DescriptorSetLayoutCreateInfo, BindingCount = (uint)count, PBindings = bindings };
        DescriptorSetLayout layout;
        _device.Api.CreateDescriptorSetLayout(_device.Handle, &info, null, &layout).Check("vkCreateDescriptorSetLayout");
        _device.Created();
        return layout;
    }

    private PipelineLayout CreateLayout(DescriptorSetLayout setLayout, uint pushConstantBytes)
    {
        var range = new PushConstantRange { StageFlags = ShaderStageFlags.ComputeBit, Size = pushConstantBytes };
        var info = new PipelineLayoutCreateInfo
        {
            SType = StructureType.PipelineLayoutCreateInfo,
            SetLayoutCount = 1,
            PSetLayouts = &setLayout,
            PushConstantRangeCount = pushConstantBytes > 0 ? 1u : 0u,
            PPushConstantRanges = &range,
        };
        PipelineLayout layout;
        _device.Api.CreatePipelineLayout(_device.Handle, &info, null, &layout).Check("vkCreatePipelineLayout");
        _device.Created();
        return layout;
    }

    private Pipeline CreatePipeline(SpirvModule shader, PipelineLayout layout, ReadOnlySpan<uint> specialization)
    {
        ShaderModule module;
        fixed (uint* code = shader.Words)
        {
            var info = new ShaderModuleCreateInfo { SType = StructureType.ShaderModuleCreateInfo, CodeSize = (nuint)(shader.Words.Length * 4), PCode = code };
            _device.Api.CreateShaderModule(_device.Handle, &info, null, &module).Check($"vkCreateShaderModule ({shader.Name})");
        }
        try
        {
            var entries = stackalloc SpecializationMapEntry[specialization.Length];
            for (int i = 0; i < specialization.Length; i++)
            {
                entries[i] = new SpecializationMapEntry { ConstantID = (uint)i, Offset = (uint)(4 * i), Size = 4 };
            }
            fixed (uint* data = specialization)
            fixed (byte* name = EntryPoint)
            {
                var spec = new SpecializationInfo
                {
                    MapEntryCount = (uint)specialization.Length,
                    PMapEntries = entries,
                    DataSize = (nuint)(4 * specialization.Length),
                    PData = data,
                };
                var info = new ComputePipelineCreateInfo
                {
                    SType = StructureType.ComputePipelineCreateInfo,
                    Stage = new PipelineShaderStageCreateInfo
                    {
                        SType = StructureType.PipelineShaderStageCreateInfo,
                        Stage = ShaderStageFlags.ComputeBit,
                        Module = module,
                        PName = name,
                        PSpecializationInfo = &spec,
                    },
                    Layout = layout,
                    BasePipelineIndex = -1,
                };
                Pipeline pipeline;
                _device.Api.CreateComputePipelines(_device.Handle, default, 1, &info, null, &pipeline).Check($"vkCreateComputePipelines ({shader.Name})");
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
        if (Handle.Handle != 0)
        {
            api.DestroyPipeline(_device.Handle, Handle, null);
            Handle = default;
            _device.Destroyed();
        }
        if (Layout.Handle != 0)
        {
            api.DestroyPipelineLayout(_device.Handle, Layout, null);
            Layout = default;
            _device.Destroyed();
        }
        if (SetLayout.Handle != 0)
        {
            api.DestroyDescriptorSetLayout(_device.Handle, SetLayout, null);
            SetLayout = default;
            _device.Destroyed();
        }
    }
}
