using System.Diagnostics.CodeAnalysis;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// One screen-space kernel over the render kernel's picture (the style and stretch-smoothing passes): its pipeline, its
/// one descriptor set of storage buffers — rewritten only when the buffers bound to it change, which happens between
/// frames, once the previous frame's fence has signalled (Vulkan spec, "Descriptor Set Updates") — and its dispatches
/// of 8 × 8 invocations, one per pixel of a picture.
/// </summary>
internal sealed class PictureKernel : IDisposable
{
    private const uint WorkgroupSide = 8; // local_size_x/y of every picture kernel

    private readonly ComputePipeline _pipeline;
    private readonly DescriptorAllocator _descriptors;
    private readonly DescriptorSet _set;
    private readonly GpuBuffer?[] _bound;

    /// <param name="shader">The embedded shader's name (Shaders/NAME.comp).</param>
    /// <param name="bindings">Its storage buffers, bindings 0…n−1.</param>
    public PictureKernel(VulkanDevice device, string shader, int bindings, uint pushConstantBytes)
    {
        _pipeline = new ComputePipeline(device, SpirvModule.Embedded(shader), bindings, pushConstantBytes, []);
        try
        {
            _descriptors = new DescriptorAllocator(device, 1, bindings);
            _set = _descriptors.Allocate(_pipeline.SetLayout);
        }
        catch
        {
            _pipeline.Dispose();
            throw;
        }
        _bound = new GpuBuffer?[bindings];
    }

    /// <summary>Points binding i at buffers[i], writing the set only when they differ from what it holds.</summary>
    public void Bind(ReadOnlySpan<GpuBuffer> buffers)
    {
        bool same = true;
        for (int i = 0; i < buffers.Length; i++)
        {
            same &= ReferenceEquals(_bound[i], buffers[i]);
        }
        if (same)
        {
            return;
        }
        _descriptors.Write(_set, buffers);
        for (int i = 0; i < buffers.Length; i++)
        {
            _bound[i] = buffers[i];
        }
    }

    /// <summary>Dispatches the kernel over a <paramref name="width"/> × <paramref name="height"/> picture with its push constants.</summary>
    public unsafe void Dispatch(CommandContext commands, void* pushConstants, uint pushBytes, uint width, uint height) =>
        commands.Dispatch(_pipeline, _set, pushConstants, pushBytes, (width + WorkgroupSide - 1) / WorkgroupSide, (height + WorkgroupSide - 1) / WorkgroupSide);

    /// <summary>
    /// Keeps <paramref name="buffer"/> when it holds <paramref name="bytes"/>, else replaces it with a storage buffer that
    /// does (the old one forgotten before the new one is made, so a failed allocation leaves nothing to dispose twice).
    /// </summary>
    public static void Reserve(VulkanDevice device, [NotNull] ref GpuBuffer? buffer, ulong bytes)
    {
        if (buffer is not null && buffer.Size >= bytes)
        {
            return;
        }
        buffer?.Dispose();
        buffer = null;
        buffer = new GpuBuffer(device, bytes, BufferKind.Storage);
    }

    public void Dispose()
    {
        _descriptors.Dispose();
        _pipeline.Dispose();
    }
}
