namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// What the render pipeline is specialised on (Shaders/params.glsl constant_id 0..5): per-ray array sizes and loop
/// bounds are compile-time constants for the driver, so it can keep them in registers and unroll. Channels are the
/// padded count the device stores (<see cref="DeviceScene.PaddedChannels"/>).
/// </summary>
internal readonly record struct RenderPipelineKey(int Coarse, int Importance, int Channels, int Hidden, int Planes, bool Fp16)
{
    public static RenderPipelineKey For(RenderRequest request, bool fp16)
    {
        var samples = request.EffectiveSamples;
        return new RenderPipelineKey(samples.Coarse, samples.Importance, DeviceScene.PaddedChannels(request.Triplanes.Layout.Channels),
            request.Decoder.Hidden, request.Triplanes.Layout.Planes, fp16);
    }

    public uint[] SpecializationConstants() =>
        [(uint)Coarse, (uint)Importance, (uint)Channels, (uint)Hidden, (uint)Planes, Fp16 ? 1u : 0u];
}
