using PortraitStream.Renderer.Styles;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// A renderer's render-style kernel (Shaders/style.comp, the GPU's <see cref="StyleShading"/>): its
/// <see cref="PictureKernel"/> (bindings 0 colour, 1 depth, 2 the styled colour) and the styled colour buffer (every
/// picture's: both stereo eyes, one after the other), recorded into the frame's command buffer after the render kernel
/// (and the stretch pass, where the model asks for it). Built on the first styled frame.
/// </summary>
internal sealed class StylePass : IDisposable
{
    private readonly VulkanDevice _device;
    private readonly PictureKernel _kernel;
    private GpuBuffer? _styled;

    public unsafe StylePass(VulkanDevice device)
    {
        _device = device;
        _kernel = new PictureKernel(device, "style", 3, (uint)sizeof(StylePushConstants));
    }

    /// <summary>
    /// Records the style kernel over <paramref name="colour"/> and <paramref name="depth"/> (written by the kernel just
    /// recorded), once per picture of <paramref name="request"/> — each stereo eye from its own camera over its own
    /// pixels — and returns the buffer that holds the styled colour. Only called between frames (the previous frame's
    /// fence has signalled), so the set may be rewritten.
    /// </summary>
    public unsafe GpuBuffer Record(CommandContext commands, GpuBuffer colour, GpuBuffer depth, RenderRequest request)
    {
        uint pixels = (uint)request.Width * (uint)request.Height;
        PictureKernel.Reserve(_device, ref _styled, (ulong)pixels * (ulong)request.Views * 4);
        _kernel.Bind([colour, depth, _styled]);
        // Read-after-write: the style kernel reads every pixel's and its neighbours' colour and depth, which the kernels
        // before it wrote. (The previous frame's readback of the styled buffer finished before its fence signalled: no
        // write-after-read hazard on it.)
        commands.BufferBarrier(colour, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        commands.BufferBarrier(depth, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        for (int view = 0; view < request.Views; view++)
        {
            // The eyes read only the render kernel's output and write disjoint ranges of the styled buffer (pixelBase),
            // never reading across into each other's: no barrier between them.
            var frame = StylePushConstants.For(request.Style, request.CameraFor(view), (uint)view * pixels);
            _kernel.Dispatch(commands, &frame, (uint)sizeof(StylePushConstants), frame.Width, frame.Height);
        }
        return _styled;
    }

    public void Dispose()
    {
        _styled?.Dispose();
        _kernel.Dispose();
    }
}
