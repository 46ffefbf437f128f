namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// Which sampler renders a view: <see cref="Live"/>, the real-time one (<see cref="Renderer.LiveSampling"/>: occupancy
/// grid, surface march, deferred shading), or <see cref="Reference"/>, EG3D's stratified + importance sampler.
/// </summary>
public enum SamplerQuality
{
    Live,
    Reference,
}
