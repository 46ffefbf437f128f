using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// One renderer's buffers and descriptor sets, reused frame after frame and only reallocated when a frame needs more
/// room than the last (larger planes, more pixels). Render set, as Shaders/params.glsl: 0 planes, 1 decoder,
/// 2 colour, 3 depth; for the live kernels also, as Shaders/live_params.glsl, 4 grid corners, 5 grid cells (one set
/// serves all three live kernels: their set layouts are identically defined, hence compatible — Vulkan spec,
/// "Pipeline Layout Compatibility"). Pack set, as Shaders/pack.comp: 0 uploaded NCHW planes, 1 planes.
/// </summary>
internal sealed class FrameResources : IDisposable
{
    /// <summary>Bindings of the render set: 4, or 6 with the live kernels' occupancy grid.</summary>
    public const int RenderBindings = 4;
    public const int LiveBindings = 6;
    private readonly VulkanDevice _device;
    private readonly bool _live;
    private readonly DescriptorAllocator _descriptors;
    private bool _setsWritten;

    /// <param name="live">The render set is the live kernels' (<see cref="LiveBindings"/> bindings).</param>
    public FrameResources(VulkanDevice device, DescriptorSetLayout renderSetLayout, DescriptorSetLayout packSetLayout, bool live = false)
    {
        _device = device;
        _live = live;
        _descriptors = new DescriptorAllocator(device, 2, live ? LiveBindings : RenderBindings);
        RenderSet = _descriptors.Allocate(renderSetLayout);
        PackSet = _descriptors.Allocate(packSetLayout);
    }

    public DescriptorSet RenderSet { get; }
    public DescriptorSet PackSet { get; }

    private GpuBuffer? _planeUpload;
    private GpuBuffer? _planes;
    private GpuBuffer? _decoderUpload;
    private GpuBuffer? _decoder;
    private GpuBuffer? _colour;
    private GpuBuffer? _depth;
    private GpuBuffer? _readback;
    private GpuBuffer? _corners;
    private GpuBuffer? _cells;

    public GpuBuffer PlaneUpload => _planeUpload ?? throw NotReserved();
    public GpuBuffer Planes => _planes ?? throw NotReserved();
    public GpuBuffer DecoderUpload => _decoderUpload ?? throw NotReserved();
    public GpuBuffer Decoder => _decoder ?? throw NotReserved();
    public GpuBuffer Colour => _colour ?? throw NotReserved();
    public GpuBuffer Depth => _depth ?? throw NotReserved();
    /// <summary>Colour (4 bytes per pixel) followed by depth (4 bytes per pixel) for the host.</summary>
    public GpuBuffer Readback => _readback ?? throw NotReserved();
    /// <summary>Live only: one uint per corner of the occupancy grid's lattice (written by live_corners.comp).</summary>
    public GpuBuffer Corners => _corners ?? throw NotReserved();
    /// <summary>Live only: one uint per occupancy grid cell (written by live_cells.comp, read by live.comp).</summary>
    public GpuBuffer Cells => _cells ?? throw NotReserved();

    /// <summary>Makes every buffer at least as large as this frame needs and points the descriptor sets at them.
    /// Only called between frames (the previous frame's fence has signalled), so rewriting the sets is allowed.
    /// Returns whether a buffer of the field (planes, decoder, grid) was replaced: what it held is gone.</summary>
    /// <param name="gridCorners">Live only: corners of the occupancy lattice, (n + 1)³.</param>
    /// <param name="gridCells">Live only: cells of the occupancy grid, n³.</param>
    public bool Reserve(ulong sourceBytes, ulong planeBytes, ulong decoderBytes, ulong pixels, ulong gridCorners = 0, ulong gridCells = 0)
    {
        bool field = false;
        field |= Grow(ref _planes, planeBytes, BufferKind.Storage);
        field |= Grow(ref _decoder, decoderBytes, BufferKind.Storage);
        if (_live)
        {
            field |= Grow(ref _corners, gridCorners * sizeof(uint), BufferKind.Storage);
            field |= Grow(ref _cells, gridCells * sizeof(uint), BufferKind.Storage);
        }
        bool changed = field;
        changed |= Grow(ref _planeUpload, sourceBytes, BufferKind.Upload);
        changed |= Grow(ref _decoderUpload, decoderBytes, BufferKind.Upload);
        changed |= Grow(ref _colour, pixels * 4, BufferKind.Storage);
        changed |= Grow(ref _depth, pixels * 4, BufferKind.Storage);
        changed |= Grow(ref _readback, pixels * 8, BufferKind.Readback);
        if (changed || !_setsWritten)
        {
            if (_live)
            {
                _descriptors.Write(RenderSet, [Planes, Decoder, Colour, Depth, Corners, Cells]);
            }
            else
            {
                _descriptors.Write(RenderSet, [Planes, Decoder, Colour, Depth]);
            }
            _descriptors.Write(PackSet, [PlaneUpload, Planes]);
            _setsWritten = true;
        }
        return field;
    }

    private bool Grow(ref GpuBuffer? slot, ulong bytes, BufferKind kind)
    {
        if (slot is not null && slot.Size >= bytes)
        {
            return false;
        }
        slot?.Dispose();
        slot = null;
        slot = new GpuBuffer(_device, bytes, kind);
        return true;
    }

    private static InvalidOperationException NotReserved() => new("FrameResources.Reserve has not run");

    public void Dispose()
    {
        _planeUpload?.Dispose();
        _planes?.Dispose();
        _decoderUpload?.Dispose();
        _decoder?.Dispose();
        _colour?.Dispose();
        _depth?.Dispose();
        _readback?.Dispose();
        _corners?.Dispose();
        _cells?.Dispose();
        _descriptors.Dispose();
    }
}
