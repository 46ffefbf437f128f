using PortraitStream.Renderer.Styles;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// A renderer's render-style kernel (Shaders/style.comp, the GPU's <see cref="StyleShading"/>): its pipeline, its one
/// descriptor set (0 colour, 1 depth as the render kernel wrote them, 2 the styled colour) and the styled colour
/// buffer (every picture's: both stereo eyes, one after the other), recorded into the frame's command buffer after the render kernel. Built on the first styled frame.
/// </summary>
internal sealed class StylePass : IDisposable
{
    private const uint WorkgroupSide = 8; // style.comp's local_size_x/y
    private const int Bindings = 3;

    private readonly VulkanDevice _device;
    private readonly ComputePipeline _pipeline;
    private readonly DescriptorAllocator _descriptors;
    private readonly DescriptorSet _set;
    private GpuBuffer? _styled;
    private (GpuBuffer? Colour, GpuBuffer? Depth, GpuBuffer? Styled) _written;

    public unsafe StylePass(VulkanDevice device)
    {
        _device = device;
        _pipeline = new ComputePipeline(device, SpirvModule.Embedded("style"), Bindings, (uint)sizeof(StylePushConstants), []);
        try
        {
            _descriptors = new DescriptorAllocator(device, 1, Bindings);
            _set = _descriptors.Allocate(_pipeline.SetLayout);
        }
        catch
        {
            _pipeline.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records the style kernel over <paramref name="colour"/> and <paramref name="depth"/> (written by the kernel just
    /// recorded), once per picture of <paramref name="request"/> — each stereo eye from its own camera over its own
    /// pixels — and returns the buffer that holds the styled colour. Only called between frames (the previous frame's
    /// fence has signalled), so the set may be rewritten (Vulkan spec, "Descriptor Set Updates").
    /// </summary>
    public unsafe GpuBuffer Record(CommandContext commands, GpuBuffer colour, GpuBuffer depth, RenderRequest request)
    {
        uint pixels = (uint)request.Width * (uint)request.Height;
        ulong bytes = (ulong)pixels * (ulong)request.Views * 4;
        if (_styled is null || _styled.Size < bytes)
        {
            _styled?.Dispose();
            _styled = null;
            _styled = new GpuBuffer(_device, bytes, BufferKind.Storage);
        }
        if (_written != (colour, depth, _styled))
        {
            _descriptors.Write(_set, [colour, depth, _styled]);
            _written = (colour, depth, _styled);
        }
        // Read-after-write: the style kernel reads every pixel's and its neighbours' colour and depth, which the render
        // kernel wrote. (The previous frame's readback of the styled buffer finished before its fence signalled: no
        // write-after-read hazard on it.)
        commands.BufferBarrier(colour, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        commands.BufferBarrier(depth, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        for (int view = 0; view < request.Views; view++)
        {
            // The eyes read only the render kernel's output and write disjoint ranges of the styled buffer (pixelBase),
            // never reading across into each other's: no barrier between them.
            var frame = StylePushConstants.For(request.Style, request.CameraFor(view), (uint)view * pixels);
            commands.Dispatch(_pipeline, _set, &frame, (uint)sizeof(StylePushConstants),
                (frame.Width + WorkgroupSide - 1) / WorkgroupSide, (frame.Height + WorkgroupSide - 1) / WorkgroupSide);
        }
        return _styled;
    }

    public void Dispose()
    {
        _styled?.Dispose();
        _descriptors.Dispose();
        _pipeline.Dispose();
    }
}
