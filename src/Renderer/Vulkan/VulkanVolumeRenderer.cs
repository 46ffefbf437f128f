using System.Runtime.InteropServices;
using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// The GPU renderer: the CPU reference's EG3D math (same request, same target, same RNG) as one fused compute kernel
/// per ray (Shaders/render.comp), after a repack of the planes on the device (Shaders/pack.comp). A frame is one command
/// buffer — upload, repack, render, readback — and one wait, with no host round trip between the coarse and fine
/// passes. Buffers, pipelines and descriptors are kept between frames. Several renderers (sessions) may share one
/// <see cref="VulkanDevice"/>; one renderer renders one frame at a time.
/// </summary>
public sealed class VulkanVolumeRenderer : IVolumeRenderer, IDisposable
{
    private const uint WorkgroupSide = 8; // render.comp's local_size_x/y
    private const uint PackWorkgroup = 64; // pack.comp's local_size_x

    private readonly VulkanDevice _device;
    private readonly bool _fp16;
    private readonly SpirvModule _shader;
    private readonly SpirvModule _packShader;
    private readonly CommandContext _commands;
    private readonly TimestampQueries _timestamps;
    private readonly Lock _gate = new();
    private ComputePipeline? _pipeline;
    private ComputePipeline? _pack;
    private FrameResources? _resources;
    private RenderPipelineKey _key;
    private bool _disposed;

    /// <param name="device">The shared device; it must outlive the renderer.</param>
    /// <param name="fp16Planes">Store triplanes as IEEE half on the device: half the memory and bandwidth, ~3
    /// decimal digits per feature.</param>
    public VulkanVolumeRenderer(VulkanDevice device, bool fp16Planes = false)
        : this(device, SpirvModule.Embedded("render"), fp16Planes) { }

    /// <param name="shader">The render kernel (tests substitute broken ones).</param>
    internal VulkanVolumeRenderer(VulkanDevice device, SpirvModule shader, bool fp16Planes)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _fp16 = fp16Planes;
        _shader = shader;
        _packShader = SpirvModule.Embedded("pack");
        _commands = new CommandContext(device);
        try
        {
            _timestamps = new TimestampQueries(device);
        }
        catch
        {
            _commands.Dispose();
            throw;
        }
    }

    public string Name => "vulkan";

    /// <summary>GPU time of the last frame (decoder copy, repack, render, readback copies) from timestamp queries;
    /// NaN when the queue has no timestamps or before the first frame.</summary>
    public double LastGpuMilliseconds { get; private set; } = double.NaN;

    public void Render(RenderRequest request, RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(target);
        var layout = request.Triplanes.Layout;
        if (layout.Planes > RenderPushConstants.MaxPlanes)
        {
            throw new ArgumentException($"{layout.Planes} triplanes; the Vulkan renderer takes at most {RenderPushConstants.MaxPlanes}");
        }
        ulong packGroups = ((ulong)layout.Resolution * (ulong)layout.Resolution + PackWorkgroup - 1) / PackWorkgroup;
        if (packGroups > _device.Info.MaxWorkGroupCountX)
        {
            throw new ArgumentException($"triplane resolution {layout.Resolution} needs {packGroups} workgroups per plane, more than {_device.Info.Name}'s maxComputeWorkGroupCount[0] of {_device.Info.MaxWorkGroupCountX}");
        }
        ulong sourceBytes = DeviceScene.SourceBytes(layout);
        ulong planeBytes = DeviceScene.PlaneBytes(layout, _fp16);
        if (Math.Max(sourceBytes, planeBytes) > _device.Info.MaxStorageBufferRange)
        {
            throw new ArgumentException($"triplanes of {Math.Max(sourceBytes, planeBytes)} bytes exceed {_device.Info.Name}'s storage buffer limit of {_device.Info.MaxStorageBufferRange} bytes (maxStorageBufferRange)");
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ulong decoderBytes = DeviceScene.DecoderBytes(request.Decoder);
            var resources = Prepare(RenderPipelineKey.For(request, _fp16), sourceBytes, planeBytes, decoderBytes, (ulong)request.Width * (ulong)request.Height);
            DeviceScene.WritePlanes(request.Triplanes, resources.PlaneUpload.Host<byte>());
            DeviceScene.WriteDecoder(request.Decoder, resources.DecoderUpload.Host<byte>());
            resources.PlaneUpload.FlushHostWrites();
            resources.DecoderUpload.FlushHostWrites();
            Record(resources, RenderPushConstants.For(request), layout.Planes, decoderBytes, target.Depth is not null);
            _commands.SubmitAndWait(_device.FrameTimeout);
            LastGpuMilliseconds = _timestamps.Milliseconds();
            resources.Readback.InvalidateForHostReads();
            CopyOut(resources.Readback, target);
        }
    }

    /// <summary>The pipelines for this key (rebuilt with fresh descriptors when sample counts or sizes change) and
    /// buffers large enough for the frame.</summary>
    private FrameResources Prepare(RenderPipelineKey key, ulong sourceBytes, ulong planeBytes, ulong decoderBytes, ulong pixels)
    {
        if (_resources is null || key != _key)
        {
            ReleasePipelines();
            _pipeline = new ComputePipeline(_device, _shader, 4, (uint)Marshal.SizeOf<RenderPushConstants>(), key.RenderConstants());
            _pack = new ComputePipeline(_device, _packShader, 2, sizeof(uint), key.PackConstants());
            _resources = new FrameResources(_device, _pipeline.SetLayout, _pack.SetLayout);
            _key = key;
        }
        _resources.Reserve(sourceBytes, planeBytes, decoderBytes, pixels);
        return _resources;
    }

    private void ReleasePipelines()
    {
        _resources?.Dispose();
        _resources = null;
        _pack?.Dispose();
        _pack = null;
        _pipeline?.Dispose();
        _pipeline = null;
    }

    private unsafe void Record(FrameResources resources, RenderPushConstants frame, int planes, ulong decoderBytes, bool withDepth)
    {
        _commands.Begin();
        _timestamps.Start(_commands);
        // Host writes to the upload buffers need no barrier: vkQueueSubmit makes them visible to the device
        // (Vulkan spec, "Host Write Ordering Guarantees"). The previous frame's reads of the buffers written below
        // finished before its fence signalled, which we waited on, so there is no write-after-read hazard either.
        _commands.Copy(resources.DecoderUpload, resources.Decoder, decoderBytes);
        uint texelsPerPlane = frame.Resolution * frame.Resolution;
        _commands.Dispatch(_pack!, resources.PackSet, &texelsPerPlane, sizeof(uint), (texelsPerPlane + PackWorkgroup - 1) / PackWorkgroup, (uint)planes);
        // Read-after-write: the render kernel must not read the planes before the repack, or the decoder before the
        // copy, has written them.
        _commands.BufferBarrier(resources.Planes, VkConst.StageComputeShader, VkConst.AccessShaderWrite, VkConst.StageComputeShader, VkConst.AccessShaderRead);
        _commands.BufferBarrier(resources.Decoder, VkConst.StageTransfer, VkConst.AccessTransferWrite, VkConst.StageComputeShader, VkConst.AccessShaderRead);

        _commands.Dispatch(_pipeline!, resources.RenderSet, &frame, (uint)sizeof(RenderPushConstants),
            (frame.Width + WorkgroupSide - 1) / WorkgroupSide, (frame.Height + WorkgroupSide - 1) / WorkgroupSide);

        // Read-after-write: the readback copies must see the kernel's colour and depth writes.
        _commands.BufferBarrier(resources.Colour, VkConst.StageComputeShader, VkConst.AccessShaderWrite, VkConst.StageTransfer, VkConst.AccessTransferRead);
        ulong colourBytes = (ulong)frame.Width * frame.Height * 4;
        _commands.Copy(resources.Colour, resources.Readback, colourBytes);
        if (withDepth)
        {
            _commands.BufferBarrier(resources.Depth, VkConst.StageComputeShader, VkConst.AccessShaderWrite, VkConst.StageTransfer, VkConst.AccessTransferRead);
            _commands.CopyAt(resources.Depth, resources.Readback, colourBytes, colourBytes);
        }
        // Device→host: a fence makes writes available only to the device domain; this barrier makes the copies'
        // writes visible to host reads after the wait (Vulkan spec, "Fence Signal Operation" and "Host Access to
        // Device Memory Objects").
        _commands.BufferBarrier(resources.Readback, VkConst.StageTransfer, VkConst.AccessTransferWrite, VkConst.StageHost, VkConst.AccessHostRead);
        _timestamps.End(_commands);
    }

    private static void CopyOut(GpuBuffer readback, RenderTarget target)
    {
        int pixels = target.Width * target.Height;
        var bytes = readback.Host<byte>();
        bytes[..(pixels * 4)].CopyTo(target.Rgba);
        if (target.Depth is not null)
        {
            MemoryMarshal.Cast<byte, float>(bytes.Slice(pixels * 4, pixels * 4)).CopyTo(target.Depth);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            ReleasePipelines();
            _timestamps.Dispose();
            _commands.Dispose();
        }
    }
}
