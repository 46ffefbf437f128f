using PortraitStream.Renderer.Stretch;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// A renderer's stretch-smoothing kernel (Shaders/stretch.comp, the GPU's <see cref="StretchSmoothing"/>): its
/// <see cref="PictureKernel"/> (bindings 0 colour, 1 depth as the render kernel wrote them, 2 each pixel's blur, 3 the
/// smoothed colour) and the blur and smoothed colour buffers (every picture's: both stereo eyes, one after the other),
/// recorded into the frame's command buffer after the render kernel and before any style. Built on the first frame of
/// a model that asks for it.
/// </summary>
internal sealed class StretchPass : IDisposable
{
    private const ulong BlurBytesPerPixel = 16; // vec4: axis x, axis y, half-length, stretch

    private readonly VulkanDevice _device;
    private readonly PictureKernel _kernel;
    private GpuBuffer? _blur;
    private GpuBuffer? _smoothed;

    public unsafe StretchPass(VulkanDevice device)
    {
        _device = device;
        _kernel = new PictureKernel(device, "stretch", 4, (uint)sizeof(StretchPushConstants));
    }

    /// <summary>
    /// Records both phases over <paramref name="colour"/> and <paramref name="depth"/> (written by the kernel just
    /// recorded), once per picture of <paramref name="request"/> — each stereo eye from its own camera over its own
    /// pixels — and returns the buffer that holds the smoothed colour. Only called between frames (the previous
    /// frame's fence has signalled), so the set may be rewritten.
    /// </summary>
    public unsafe GpuBuffer Record(CommandContext commands, GpuBuffer colour, GpuBuffer depth, RenderRequest request)
    {
        uint pixels = (uint)request.Width * (uint)request.Height;
        PictureKernel.Reserve(_device, ref _blur, (ulong)pixels * (ulong)request.Views * BlurBytesPerPixel);
        PictureKernel.Reserve(_device, ref _smoothed, (ulong)pixels * (ulong)request.Views * 4);
        _kernel.Bind([colour, depth, _blur, _smoothed]);
        // Read-after-write: both phases read every pixel's and its neighbours' colour and depth, which the render kernel
        // wrote. (The previous frame's reads of the blur and smoothed buffers finished before its fence signalled.)
        commands.BufferBarrier(colour, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        commands.BufferBarrier(depth, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        for (uint phase = 0; phase < 2; phase++)
        {
            if (phase == 1)
            {
                // The blur reads its neighbours' blur, which phase 0 wrote.
                commands.BufferBarrier(_blur, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
            }
            for (int view = 0; view < request.Views; view++)
            {
                // The eyes write disjoint ranges (pixelBase) and never read across into each other's: no barrier between them.
                var frame = StretchPushConstants.For(request.CameraFor(view), (uint)view * pixels, request.TexelSide, phase);
                _kernel.Dispatch(commands, &frame, (uint)sizeof(StretchPushConstants), frame.Width, frame.Height);
            }
        }
        return _smoothed;
    }

    public void Dispose()
    {
        _blur?.Dispose();
        _smoothed?.Dispose();
        _kernel.Dispose();
    }
}
