using System.Runtime.InteropServices;
using PortraitStream.Renderer.Styles;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// The GPU renderer: the CPU reference's EG3D math (same request, same target, same RNG) as one fused compute kernel
/// per ray (Shaders/render.comp), after a repack of the planes on the device (Shaders/pack.comp). A frame is one command
/// buffer — upload, repack, render, readback — and one wait, with no host round trip between the coarse and fine
/// passes. A request with <see cref="RenderRequest.Live"/> runs the CPU live sampler's algorithm instead: the occupancy
/// grid's corners (Shaders/live_corners.comp) and cells (live_cells.comp), then one fused kernel for the geometry and
/// output passes (live.comp). Buffers, pipelines and descriptors are kept between frames (rebuilt when the
/// specialisation changes). Stereo requests run the render (or live) kernel once per eye in the same command buffer,
/// after one upload and one occupancy grid. A styled request adds the style kernel (Shaders/style.comp,
/// <see cref="StylePass"/>, once per eye in stereo) before the readback. Several renderers (sessions) may share one <see cref="VulkanDevice"/>; one renderer renders
/// one frame at a time.
/// </summary>
public sealed class VulkanVolumeRenderer : IVolumeRenderer, IDisposable
{
    private const uint WorkgroupSide = 8; // render.comp's local_size_x/y
    private const uint PackWorkgroup = 64; // pack.comp's local_size_x
    private const uint LiveTile = 16; // live.comp's TILE: output pixels per workgroup side
    private const uint GridWorkgroup = 64; // live_corners.comp's and live_cells.comp's local_size_x

    private readonly VulkanDevice _device;
    private readonly bool _fp16;
    private readonly SpirvModule _shader;
    private readonly SpirvModule _packShader;
    private readonly SpirvModule _liveShader;
    private readonly SpirvModule _cornersShader;
    private readonly SpirvModule _cellsShader;
    private readonly CommandContext _commands;
    private readonly TimestampQueries _timestamps;
    private readonly Lock _gate = new();
    private ComputePipeline? _pipeline;
    private ComputePipeline? _pack;
    private ComputePipeline? _corners;
    private ComputePipeline? _cells;
    private FrameResources? _resources;
    private StylePass? _style;
    private RenderPipelineKey _key;
    private LivePipelineKey? _liveKey; // non-null while the pipelines and resources are the live kernels'
    private bool _disposed;
    private VulkanFrameWork _lastWork = VulkanFrameWork.None;
    private int _planeUploads, _decoderUploads; // this frame's, for LastFrameWork

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
        _liveShader = SpirvModule.Embedded("live");
        _cornersShader = SpirvModule.Embedded("live_corners");
        _cellsShader = SpirvModule.Embedded("live_cells");
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

    /// <summary>What the last frame submitted, uploaded and dispatched (<see cref="VulkanFrameWork.None"/> before the first).</summary>
    public VulkanFrameWork LastFrameWork
    {
        get
        {
            lock (_gate)
            {
                return _lastWork;
            }
        }
    }

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
            ulong pixels = (ulong)request.Width * (ulong)request.Height * (ulong)request.Views;
            var live = request.Live;
            var resources = live is null
                ? Prepare(RenderPipelineKey.For(request, _fp16), sourceBytes, planeBytes, decoderBytes, pixels)
                : PrepareLive(LivePipelineKey.For(request, live, _fp16), sourceBytes, planeBytes, decoderBytes, pixels, live.GridResolution);
            (_planeUploads, _decoderUploads) = (0, 0);
            Upload(request, resources);
            if (live is null)
            {
                Record(resources, request, layout.Planes, decoderBytes, target.Depth is not null);
            }
            else
            {
                RecordLive(resources, request, live, layout.Planes, decoderBytes, target.Depth is not null);
            }
            _commands.SubmitAndWait(_device.FrameTimeout);
            _lastWork = new VulkanFrameWork(_commands.Submissions, _planeUploads, _decoderUploads, new Dictionary<string, int>(_commands.Dispatches));
            LastGpuMilliseconds = _timestamps.Milliseconds();
            resources.Readback.InvalidateForHostReads();
            CopyOut(resources.Readback, target, request.Views);
        }
    }

    /// <summary>The frame's triplanes and decoder into the mapped upload buffers: once a frame, shared by every view.</summary>
    private void Upload(RenderRequest request, FrameResources resources)
    {
        DeviceScene.WritePlanes(request.Triplanes, resources.PlaneUpload.Host<byte>());
        resources.PlaneUpload.FlushHostWrites();
        _planeUploads++;
        DeviceScene.WriteDecoder(request.Decoder, resources.DecoderUpload.Host<byte>());
        resources.DecoderUpload.FlushHostWrites();
        _decoderUploads++;
    }

    /// <summary>The pipelines for this key (rebuilt with fresh descriptors when sample counts or sizes change) and
    /// buffers large enough for the frame.</summary>
    private FrameResources Prepare(RenderPipelineKey key, ulong sourceBytes, ulong planeBytes, ulong decoderBytes, ulong pixels)
    {
        if (_resources is null || _liveKey is not null || key != _key)
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

    /// <summary>The live kernels for this key (rebuilt with fresh descriptors when the specialisation changes) and
    /// buffers large enough for the frame and an n³ occupancy grid.</summary>
    private FrameResources PrepareLive(LivePipelineKey key, ulong sourceBytes, ulong planeBytes, ulong decoderBytes, ulong pixels, int grid)
    {
        if (_resources is null || _liveKey != key)
        {
            ReleasePipelines();
            var constants = key.Constants();
            uint pushBytes = (uint)Marshal.SizeOf<LivePushConstants>();
            _pipeline = new ComputePipeline(_device, _liveShader, FrameResources.LiveBindings, pushBytes, constants);
            _corners = new ComputePipeline(_device, _cornersShader, FrameResources.LiveBindings, pushBytes, constants);
            _cells = new ComputePipeline(_device, _cellsShader, FrameResources.LiveBindings, pushBytes, constants);
            _pack = new ComputePipeline(_device, _packShader, 2, sizeof(uint), key.PackConstants());
            _resources = new FrameResources(_device, _pipeline.SetLayout, _pack.SetLayout, live: true);
            _liveKey = key;
        }
        ulong corners = (ulong)(grid + 1) * (ulong)(grid + 1) * (ulong)(grid + 1);
        _resources.Reserve(sourceBytes, planeBytes, decoderBytes, pixels, corners, (ulong)grid * (ulong)grid * (ulong)grid);
        return _resources;
    }

    private void ReleasePipelines()
    {
        _liveKey = null;
        _resources?.Dispose();
        _resources = null;
        _corners?.Dispose();
        _corners = null;
        _cells?.Dispose();
        _cells = null;
        _pack?.Dispose();
        _pack = null;
        _pipeline?.Dispose();
        _pipeline = null;
    }

    /// <summary>The reference frame: one render dispatch per picture (both stereo eyes in this one submission).</summary>
    private unsafe void Record(FrameResources resources, RenderRequest request, int planes, ulong decoderBytes, bool withDepth)
    {
        RecordUpload(resources, (uint)request.Triplanes.Layout.Resolution, planes, decoderBytes);
        for (int view = 0; view < request.Views; view++)
        {
            // The eyes write disjoint pixel ranges (pixelBase) and only read the planes and decoder: no barrier between them.
            var frame = RenderPushConstants.For(request, view);
            _commands.Dispatch(_pipeline!, resources.RenderSet, &frame, (uint)sizeof(RenderPushConstants),
                (frame.Width + WorkgroupSide - 1) / WorkgroupSide, (frame.Height + WorkgroupSide - 1) / WorkgroupSide);
        }
        RecordReadback(resources, request, withDepth);
    }

    /// <summary>
    /// The live sampler's frame: grid corners → grid cells → the fused geometry + output kernel, once per picture: both
    /// stereo eyes share the frame's upload, repack and occupancy grid, in one submission.
    /// </summary>
    private unsafe void RecordLive(FrameResources resources, RenderRequest request, LiveSampling live, int planes, ulong decoderBytes, bool withDepth)
    {
        var frame = LivePushConstants.For(request, live);
        uint grid = (uint)live.GridResolution;
        RecordUpload(resources, frame.Frame.Resolution, planes, decoderBytes);
        uint pushBytes = (uint)sizeof(LivePushConstants);
        ulong corners = (ulong)(grid + 1) * (grid + 1) * (grid + 1);
        ulong cells = (ulong)grid * grid * grid;
        _commands.Dispatch(_corners!, resources.RenderSet, &frame, pushBytes, (uint)((corners + GridWorkgroup - 1) / GridWorkgroup), 1);
        // Read-after-write: the cells kernel reads the corner flags the corners kernel wrote.
        _commands.BufferBarrier(resources.Corners, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        _commands.Dispatch(_cells!, resources.RenderSet, &frame, pushBytes, (uint)((cells + GridWorkgroup - 1) / GridWorkgroup), 1);
        // Read-after-write: the live kernel's ray walks read the dilated cells the cells kernel wrote. (The previous
        // frame's reads of both grid buffers finished before its fence signalled: no write-after-read hazard.)
        _commands.BufferBarrier(resources.Cells, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        for (int view = 0; view < request.Views; view++)
        {
            // The eyes write disjoint pixel ranges (pixelBase) and only read the grid, planes and decoder: no barrier between
            // them. View 0's block is the one the grid kernels used (building it again would repeat the camera's checks).
            if (view > 0)
            {
                frame = LivePushConstants.For(request, live, view);
            }
            _commands.Dispatch(_pipeline!, resources.RenderSet, &frame, pushBytes,
                (frame.Frame.Width + LiveTile - 1) / LiveTile, (frame.Frame.Height + LiveTile - 1) / LiveTile);
        }
        RecordReadback(resources, request, withDepth);
    }

    /// <summary>Begins the frame's command buffer: decoder copy and plane repack, made visible to the kernels.</summary>
    private unsafe void RecordUpload(FrameResources resources, uint resolution, int planes, ulong decoderBytes)
    {
        _commands.Begin();
        _timestamps.Start(_commands);
        // Host writes to the upload buffers need no barrier: vkQueueSubmit makes them visible to the device
        // (Vulkan spec, "Host Write Ordering Guarantees"). The previous frame's reads of the buffers written below
        // finished before its fence signalled, which we waited on, so there is no write-after-read hazard either.
        _commands.Copy(resources.DecoderUpload, resources.Decoder, decoderBytes);
        uint texelsPerPlane = resolution * resolution;
        _commands.Dispatch(_pack!, resources.PackSet, &texelsPerPlane, sizeof(uint), (texelsPerPlane + PackWorkgroup - 1) / PackWorkgroup, (uint)planes);
        // Read-after-write: the render kernel must not read the planes before the repack, or the decoder before the
        // copy, has written them.
        _commands.BufferBarrier(resources.Planes, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        _commands.BufferBarrier(resources.Decoder, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
    }

    /// <summary>Ends the frame's command buffer: the style kernel when the request has a style (once per stereo eye),
    /// then colour (styled or not) and depth copied to the readback buffer for the host.</summary>
    private void RecordReadback(FrameResources resources, RenderRequest request, bool withDepth)
    {
        var colour = request.Style == RenderStyle.None
            ? resources.Colour
            : (_style ??= new StylePass(_device)).Record(_commands, resources.Colour, resources.Depth, request);
        // Read-after-write: the readback copies must see the last kernel's colour and depth writes.
        _commands.BufferBarrier(colour, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.TransferBit, AccessFlags.TransferReadBit);
        ulong colourBytes = (ulong)request.Width * (ulong)request.Height * (ulong)request.Views * 4;
        _commands.Copy(colour, resources.Readback, colourBytes);
        if (withDepth)
        {
            _commands.BufferBarrier(resources.Depth, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.TransferBit, AccessFlags.TransferReadBit);
            _commands.CopyAt(resources.Depth, resources.Readback, colourBytes, colourBytes);
        }
        // Device→host: a fence makes writes available only to the device domain; this barrier makes the copies'
        // writes visible to host reads after the wait (Vulkan spec, "Fence Signal Operation" and "Host Access to
        // Device Memory Objects").
        _commands.BufferBarrier(resources.Readback, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit, PipelineStageFlags.HostBit, AccessFlags.HostReadBit);
        _timestamps.End(_commands);
    }

    /// <summary>The readback's pictures (one after the other) into the target, side by side.</summary>
    private static void CopyOut(GpuBuffer readback, RenderTarget target, int views)
    {
        int pixels = target.Width * target.Height;
        var bytes = readback.Host<byte>();
        var depth = MemoryMarshal.Cast<byte, float>(bytes.Slice(pixels * 4, pixels * 4));
        if (views == 1)
        {
            bytes[..(pixels * 4)].CopyTo(target.Rgba);
            if (target.Depth is not null)
            {
                depth.CopyTo(target.Depth);
            }
            return;
        }
        int width = target.Width / views;
        for (int view = 0; view < views; view++)
        {
            for (int y = 0; y < target.Height; y++)
            {
                int source = (view * target.Height + y) * width;
                int destination = y * target.Width + view * width;
                bytes.Slice(4 * source, 4 * width).CopyTo(target.Rgba.AsSpan(4 * destination));
                if (target.Depth is not null)
                {
                    depth.Slice(source, width).CopyTo(target.Depth.AsSpan(destination));
                }
            }
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
            _style?.Dispose();
            _timestamps.Dispose();
            _commands.Dispose();
        }
    }
}
