using PortraitStream.Renderer.Live;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// What the live kernels (Shaders/live_corners.comp, live_cells.comp, live.comp) are specialised on: the field's shape
/// (params.glsl constant_id 2..5; 0 and 1, the reference's sample counts, are unused and pinned) and the live settings
/// and thresholds (live_params.glsl constant_id 6..15). The thresholds are the CPU live sampler's own constants, passed
/// as their float bits, so the shader has no copy of them.
/// </summary>
internal readonly record struct LivePipelineKey(int SourceChannels, int Hidden, int Planes, bool Fp16, int Grid, int BandSubdivisions, int GeometryDivisor, int MarchCapacity)
{
    public static LivePipelineKey For(RenderRequest request, LiveSampling settings, bool fp16) =>
        new(request.Triplanes.Layout.Channels, request.Decoder.Hidden, request.Triplanes.Layout.Planes, fp16,
            settings.GridResolution, settings.BandSubdivisions, settings.GeometryDivisor, MarchScratch.CapacityFor(settings));

    /// <summary>
    /// The key of the field's kernels (pack, live_corners, live_cells) and of the buffers they fill: this one with the
    /// geometry settings, which only live.comp reads, pinned to <see cref="LiveSampling.Default"/>'s. So a viewer pose
    /// frame's coarser geometry grid (<see cref="LiveSampling.ForPoseFrame"/>) specialises another live kernel only,
    /// and the field and occupancy grid on the device stay.
    /// </summary>
    public LivePipelineKey FieldKernels => this with
    {
        BandSubdivisions = LiveSampling.Default.BandSubdivisions,
        GeometryDivisor = LiveSampling.Default.GeometryDivisor,
        MarchCapacity = MarchScratch.CapacityFor(LiveSampling.Default),
    };

    public uint[] Constants() =>
    [
        4u, 0u, // COARSE, IMPORTANCE: not read by the live kernels; any valid value
        (uint)DeviceScene.PaddedChannels(SourceChannels), (uint)Hidden, (uint)Planes, Fp16 ? 1u : 0u,
        (uint)Grid, (uint)BandSubdivisions, (uint)GeometryDivisor, (uint)MarchCapacity,
        Bits(SurfaceMarcher.EmptyOpacity), Bits(LiveFrameRenderer.OpaqueOpacity), Bits(SurfaceMarcher.StopTransmittance),
        Bits(SurfaceMarcher.BandWeightShare), Bits(LiveFrameRenderer.SmoothSurfacePixels), Bits(LiveFrameRenderer.SeedMargin),
    ];

    /// <summary>pack.comp's constants: the encoder's channel count and the storage format.</summary>
    public uint[] PackConstants() => [(uint)SourceChannels, Fp16 ? 1u : 0u];

    private static uint Bits(float value) => BitConverter.SingleToUInt32Bits(value);
}
