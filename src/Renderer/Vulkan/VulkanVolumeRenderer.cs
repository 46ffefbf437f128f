using System.Runtime.InteropServices;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// The GPU renderer: the CPU reference's EG3D math (same request, same target, same RNG) as one fused compute kernel
/// per ray (Shaders/render.comp), after a repack of the planes on the device (Shaders/pack.comp). A frame is one command
/// buffer — upload, repack, render, readback — and one wait, with no host round trip between the coarse and fine
/// passes. A request with <see cref="RenderRequest.Live"/> runs the CPU live sampler's algorithm instead: the occupancy
/// grid's corners (Shaders/live_corners.comp) and cells (live_cells.comp), then one fused kernel for the geometry and
/// output passes (live.comp). The field's work — upload, repack and grid — is done once per field
/// (<see cref="ResidentField"/>): by <see cref="PrepareField"/> in its own submission ahead of the render, or by the
/// render itself, and a request for the same field (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>: a viewer pose
/// frame, or the camera frame after its PrepareField) records only its live (or render) kernel, style and readback.
/// Buffers, pipelines and descriptors are kept between frames (rebuilt when the field's specialisation changes; the live
/// kernel is kept per specialisation, so camera and pose frames each keep theirs). Stereo requests run the render (or
/// live) kernel once per eye in the same command buffer, after one upload and one occupancy grid. A styled request adds
/// the style kernel (Shaders/style.comp, <see cref="StylePass"/>, once per eye in stereo) before the readback, after the
/// stretch-smoothing kernel where the model asks for it (Shaders/stretch.comp, <see cref="StretchPass"/>). Several
/// renderers (sessions) may share one <see cref="VulkanDevice"/>; one renderer renders one frame at a time.
/// </summary>
public sealed class VulkanVolumeRenderer : IVolumeRenderer, IDisposable
{
    private const uint WorkgroupSide = 8; // render.comp's local_size_x/y
    private const uint PackWorkgroup = 64; // pack.comp's local_size_x
    private const uint LiveTile = 16; // live.comp's TILE: output pixels per workgroup side
    private const uint GridWorkgroup = 64; // live_corners.comp's and live_cells.comp's local_size_x
    private const int LiveKernelVariants = 4; // a session alternates two: camera frames and viewer pose frames

    private readonly VulkanDevice _device;
    private readonly bool _fp16;
    private readonly SpirvModule _shader;
    private readonly SpirvModule _packShader;
    private readonly SpirvModule _liveShader;
    private readonly SpirvModule _cornersShader;
    private readonly SpirvModule _cellsShader;
    private readonly CommandContext _commands;
    private readonly TimestampQueries _timestamps;
    private readonly ComputePipelineCache<LivePipelineKey> _liveKernels = new(LiveKernelVariants);
    private readonly ResidentField _resident = new();
    private readonly Lock _gate = new();
    private ComputePipeline? _pipeline; // the reference's render kernel; live kernels are in _liveKernels
    private ComputePipeline? _pack;
    private ComputePipeline? _corners;
    private ComputePipeline? _cells;
    private FrameResources? _resources;
    private StylePass? _style;
    private StretchPass? _stretch;
    private RenderPipelineKey _key;
    private LivePipelineKey? _liveKey; // the field kernels' key (LivePipelineKey.FieldKernels) while resources are live
    private bool _disposed;
    private VulkanFrameWork _lastWork = VulkanFrameWork.None;
    private VulkanFrameWork _lastPrepareWork = VulkanFrameWork.None;

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

    /// <summary>GPU time of the last frame (decoder copy, repack and grid where it did them, render, readback copies)
    /// from timestamp queries; NaN when the queue has no timestamps or before the first frame. <see cref="PrepareField"/>'s
    /// submission is not part of it.</summary>
    public double LastGpuMilliseconds { get; private set; } = double.NaN;

    /// <summary>What the last frame (<see cref="Render"/>) submitted, uploaded and dispatched (<see cref="VulkanFrameWork.None"/> before the first).</summary>
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

    /// <summary>What the last <see cref="PrepareField"/> submitted, uploaded and dispatched (none when the field and
    /// grid were already on the device).</summary>
    public VulkanFrameWork LastPrepareWork
    {
        get
        {
            lock (_gate)
            {
                return _lastPrepareWork;
            }
        }
    }

    public void Render(RenderRequest request, RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(target);
        CheckFits(request.Triplanes.Layout);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var resources = Reserve(request);
            var work = _resident.WorkFor(request);
            // Compiled (the first time) before recording starts, so a failure leaves no command buffer half-recorded.
            var liveKernel = request.Live is { } live ? LiveKernel(LivePipelineKey.For(request, live, _fp16)) : null;
            _commands.Begin();
            _timestamps.Start(_commands);
            RecordField(resources, request, work);
            if (liveKernel is not null)
            {
                RecordLive(resources, request, request.Live!, liveKernel);
            }
            else
            {
                Record(resources, request);
            }
            RecordReadback(resources, request, target.Depth is not null);
            _lastWork = Submit(request, work);
            LastGpuMilliseconds = _timestamps.Milliseconds();
            resources.Readback.InvalidateForHostReads();
            CopyOut(resources.Readback, target, request.Views);
        }
    }

    /// <summary>
    /// Uploads and repacks the field and, live, builds its occupancy grid in a submission of its own, waited on
    /// (<see cref="IVolumeRenderer.PrepareField"/>); the render of the same field after it
    /// (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>) records none of that. Nothing is submitted when the
    /// device already holds this field and grid. The request's view and style are not used; its size reserves the
    /// frame's buffers, so the render after allocates nothing either.
    /// </summary>
    public void PrepareField(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ValidateField();
        RenderRequest.ValidateSize(request.Width, request.Height);
        CheckFits(request.Triplanes.Layout);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var resources = Reserve(request);
            var work = _resident.WorkFor(request);
            if (!work.Any)
            {
                _lastPrepareWork = VulkanFrameWork.None;
                return;
            }
            _commands.Begin();
            RecordField(resources, request, work);
            _lastPrepareWork = Submit(request, work);
        }
    }

    /// <summary>Throws when the device cannot hold or repack <paramref name="layout"/>'s planes.</summary>
    private void CheckFits(TriplaneLayout layout)
    {
        if (layout.Planes > RenderPushConstants.MaxPlanes)
        {
            throw new ArgumentException($"{layout.Planes} triplanes; the Vulkan renderer takes at most {RenderPushConstants.MaxPlanes}");
        }
        ulong packGroups = ((ulong)layout.Resolution * (ulong)layout.Resolution + PackWorkgroup - 1) / PackWorkgroup;
        if (packGroups > _device.Info.MaxWorkGroupCountX)
        {
            throw new ArgumentException($"triplane resolution {layout.Resolution} needs {packGroups} workgroups per plane, more than {_device.Info.Name}'s maxComputeWorkGroupCount[0] of {_device.Info.MaxWorkGroupCountX}");
        }
        ulong bytes = Math.Max(DeviceScene.SourceBytes(layout), DeviceScene.PlaneBytes(layout, _fp16));
        if (bytes > _device.Info.MaxStorageBufferRange)
        {
            throw new ArgumentException($"triplanes of {bytes} bytes exceed {_device.Info.Name}'s storage buffer limit of {_device.Info.MaxStorageBufferRange} bytes (maxStorageBufferRange)");
        }
    }

    /// <summary>Submits the recorded work and waits; then records what it wrote of the field and what it did.</summary>
    private VulkanFrameWork Submit(RenderRequest request, FieldWork work)
    {
        _commands.SubmitAndWait(_device.FrameTimeout);
        _resident.Written(request, work);
        int uploads = work.Upload ? 1 : 0;
        return new VulkanFrameWork(_commands.Submissions, uploads, uploads, new Dictionary<string, int>(_commands.Dispatches));
    }

    /// <summary>The pipelines and buffers for <paramref name="request"/> (see <see cref="PrepareRender"/>, <see cref="PrepareLive"/>);
    /// a replaced field buffer forgets the field it held.</summary>
    private FrameResources Reserve(RenderRequest request)
    {
        var layout = request.Triplanes.Layout;
        ulong sourceBytes = DeviceScene.SourceBytes(layout);
        ulong planeBytes = DeviceScene.PlaneBytes(layout, _fp16);
        ulong decoderBytes = DeviceScene.DecoderBytes(request.Decoder);
        ulong pixels = (ulong)request.Width * (ulong)request.Height * (ulong)request.Views;
        bool replaced;
        FrameResources resources;
        if (request.Live is { } live)
        {
            resources = PrepareLive(LivePipelineKey.For(request, live, _fp16).FieldKernels);
            ulong grid = (ulong)live.GridResolution;
            replaced = resources.Reserve(sourceBytes, planeBytes, decoderBytes, pixels, (grid + 1) * (grid + 1) * (grid + 1), grid * grid * grid);
        }
        else
        {
            resources = PrepareRender(RenderPipelineKey.For(request, _fp16));
            replaced = resources.Reserve(sourceBytes, planeBytes, decoderBytes, pixels);
        }
        if (replaced)
        {
            _resident.Forget();
        }
        return resources;
    }

    /// <summary>The reference's pipelines for this key (rebuilt with fresh descriptors when sample counts or sizes change).</summary>
    private FrameResources PrepareRender(RenderPipelineKey key)
    {
        if (_resources is null || _liveKey is not null || key != _key)
        {
            ReleasePipelines();
            _pipeline = new ComputePipeline(_device, _shader, 4, (uint)Marshal.SizeOf<RenderPushConstants>(), key.RenderConstants());
            _pack = new ComputePipeline(_device, _packShader, 2, sizeof(uint), key.PackConstants());
            _resources = new FrameResources(_device, _pipeline.SetLayout, _pack.SetLayout);
            _key = key;
        }
        return _resources;
    }

    /// <summary>The live field kernels for this key (rebuilt with fresh descriptors when the field's specialisation
    /// changes). The render set is allocated with the corners kernel's set layout, which every live kernel variant's
    /// matches (identically defined: Vulkan spec, "Pipeline Layout Compatibility") and which outlives them.</summary>
    private FrameResources PrepareLive(LivePipelineKey fieldKey)
    {
        if (_resources is null || _liveKey != fieldKey)
        {
            ReleasePipelines();
            var constants = fieldKey.Constants();
            uint pushBytes = (uint)Marshal.SizeOf<LivePushConstants>();
            _corners = new ComputePipeline(_device, _cornersShader, FrameResources.LiveBindings, pushBytes, constants);
            _cells = new ComputePipeline(_device, _cellsShader, FrameResources.LiveBindings, pushBytes, constants);
            _pack = new ComputePipeline(_device, _packShader, 2, sizeof(uint), fieldKey.PackConstants());
            _resources = new FrameResources(_device, _corners.SetLayout, _pack.SetLayout, live: true);
            _liveKey = fieldKey;
        }
        return _resources;
    }

    /// <summary>The live kernel specialised for this request's geometry settings, compiled once per variant.</summary>
    private ComputePipeline LiveKernel(LivePipelineKey key) =>
        _liveKernels.Get(key, k => new ComputePipeline(_device, _liveShader, FrameResources.LiveBindings, (uint)Marshal.SizeOf<LivePushConstants>(), k.Constants()));

    private void ReleasePipelines()
    {
        _resident.Forget();
        _liveKey = null;
        _resources?.Dispose();
        _resources = null;
        _liveKernels.Clear();
        _corners?.Dispose();
        _corners = null;
        _cells?.Dispose();
        _cells = null;
        _pack?.Dispose();
        _pack = null;
        _pipeline?.Dispose();
        _pipeline = null;
    }

    /// <summary>
    /// The field's part of a command buffer: what <paramref name="work"/> says is not on the device yet — the host
    /// upload, decoder copy and plane repack; live, the grid's corners → cells — then the barriers that make the field
    /// visible to the render kernels, whether this submission wrote it or an earlier one did.
    /// </summary>
    private unsafe void RecordField(FrameResources resources, RenderRequest request, FieldWork work)
    {
        _resident.Overwriting(request, work);
        if (work.Upload)
        {
            Upload(request, resources);
            // Host writes to the upload buffers need no barrier: vkQueueSubmit makes them visible to the device
            // (Vulkan spec, "Host Write Ordering Guarantees"). The previous submission's reads of the buffers written
            // below finished before its fence signalled, which we waited on, so there is no write-after-read hazard either.
            _commands.Copy(resources.DecoderUpload, resources.Decoder, DeviceScene.DecoderBytes(request.Decoder));
            uint texelsPerPlane = (uint)(request.Triplanes.Layout.Resolution * request.Triplanes.Layout.Resolution);
            _commands.Dispatch(_pack!, resources.PackSet, &texelsPerPlane, sizeof(uint), (texelsPerPlane + PackWorkgroup - 1) / PackWorkgroup,
                (uint)request.Triplanes.Layout.Planes);
        }
        // Read-after-write: the kernels below must not read the planes before the repack, or the decoder before the
        // copy, has written them — in this submission or in an earlier one (a barrier's first scope is every command
        // earlier in submission order: Vulkan spec, "Pipeline Barriers"), when the field is kept.
        _commands.BufferBarrier(resources.Planes, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        _commands.BufferBarrier(resources.Decoder, PipelineStageFlags.TransferBit, AccessFlags.TransferWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
        if (request.Live is not { } live)
        {
            return;
        }
        if (work.Grid)
        {
            var grid = LivePushConstants.ForGrid(request, live, _resident.ZeroPlanes);
            uint pushBytes = (uint)sizeof(LivePushConstants);
            ulong n = (ulong)live.GridResolution;
            ulong corners = (n + 1) * (n + 1) * (n + 1);
            _commands.Dispatch(_corners!, resources.RenderSet, &grid, pushBytes, (uint)((corners + GridWorkgroup - 1) / GridWorkgroup), 1);
            // Read-after-write: the cells kernel reads the corner flags the corners kernel wrote.
            _commands.BufferBarrier(resources.Corners, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
            _commands.Dispatch(_cells!, resources.RenderSet, &grid, pushBytes, (uint)((n * n * n + GridWorkgroup - 1) / GridWorkgroup), 1);
        }
        // Read-after-write: the live kernel's ray walks read the dilated cells the cells kernel wrote, here or in an
        // earlier submission. (The previous frame's reads of both grid buffers finished before its fence signalled: no
        // write-after-read hazard.)
        _commands.BufferBarrier(resources.Cells, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderWriteBit, PipelineStageFlags.ComputeShaderBit, AccessFlags.ShaderReadBit);
    }

    /// <summary>The frame's triplanes and decoder into the mapped upload buffers: once a field, shared by every view.</summary>
    private static void Upload(RenderRequest request, FrameResources resources)
    {
        DeviceScene.WritePlanes(request.Triplanes, resources.PlaneUpload.Host<byte>());
        resources.PlaneUpload.FlushHostWrites();
        DeviceScene.WriteDecoder(request.Decoder, resources.DecoderUpload.Host<byte>());
        resources.DecoderUpload.FlushHostWrites();
    }

    /// <summary>The reference frame: one render dispatch per picture (both stereo eyes in this one submission).</summary>
    private unsafe void Record(FrameResources resources, RenderRequest request)
    {
        for (int view = 0; view < request.Views; view++)
        {
            // The eyes write disjoint pixel ranges (pixelBase) and only read the planes and decoder: no barrier between them.
            var frame = RenderPushConstants.For(request, _resident.ZeroPlanes, view);
            _commands.Dispatch(_pipeline!, resources.RenderSet, &frame, (uint)sizeof(RenderPushConstants),
                (frame.Width + WorkgroupSide - 1) / WorkgroupSide, (frame.Height + WorkgroupSide - 1) / WorkgroupSide);
        }
    }

    /// <summary>
    /// The live sampler's views: the fused geometry + output kernel once per picture, both stereo eyes over the field
    /// and occupancy grid <see cref="RecordField"/> made visible.
    /// </summary>
    private unsafe void RecordLive(FrameResources resources, RenderRequest request, LiveSampling live, ComputePipeline kernel)
    {
        uint pushBytes = (uint)sizeof(LivePushConstants);
        for (int view = 0; view < request.Views; view++)
        {
            // The eyes write disjoint pixel ranges (pixelBase) and only read the grid, planes and decoder: no barrier between them.
            var frame = LivePushConstants.For(request, live, _resident.ZeroPlanes, view);
            _commands.Dispatch(kernel, resources.RenderSet, &frame, pushBytes,
                (frame.Frame.Width + LiveTile - 1) / LiveTile, (frame.Frame.Height + LiveTile - 1) / LiveTile);
        }
    }

    /// <summary>Ends the frame's command buffer: the stretch-smoothing kernel when the model asks for it, the style kernel
    /// when the request has a style (each once per stereo eye), then colour (as they left it) and depth copied to the
    /// readback buffer for the host.</summary>
    private void RecordReadback(FrameResources resources, RenderRequest request, bool withDepth)
    {
        var colour = request.Rendering.SmoothStretch
            ? (_stretch ??= new StretchPass(_device)).Record(_commands, resources.Colour, resources.Depth, request)
            : resources.Colour;
        if (request.Style != RenderStyle.None)
        {
            colour = (_style ??= new StylePass(_device)).Record(_commands, colour, resources.Depth, request);
        }
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
            _liveKernels.Dispose();
            _style?.Dispose();
            _stretch?.Dispose();
            _timestamps.Dispose();
            _commands.Dispose();
        }
    }
}
