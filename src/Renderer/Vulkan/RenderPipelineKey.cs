namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// What a frame's two pipelines are specialised on (render.comp: Shaders/params.glsl constant_id 0..5; pack.comp:
/// 0..1): per-ray array sizes and loop bounds are compile-time constants for the driver, so it can keep them in
/// registers and unroll.
/// </summary>
internal readonly record struct RenderPipelineKey(int Coarse, int Importance, int SourceChannels, int Hidden, int Planes, bool Fp16)
{
    public static RenderPipelineKey For(RenderRequest request, bool fp16)
    {
        var samples = request.EffectiveSamples;
        return new RenderPipelineKey(samples.Coarse, samples.Importance, request.Triplanes.Layout.Channels,
            request.Decoder.Hidden, request.Triplanes.Layout.Planes, fp16);
    }

    /// <summary>render.comp's constants; it sees the padded channel count.</summary>
    public uint[] RenderConstants() =>
        [(uint)Coarse, (uint)Importance, (uint)DeviceScene.PaddedChannels(SourceChannels), (uint)Hidden, (uint)Planes, Fp16 ? 1u : 0u];

    /// <summary>pack.comp's constants: the encoder's channel count and the storage format.</summary>
    public uint[] PackConstants() => [(uint)SourceChannels, Fp16 ? 1u : 0u];
}
