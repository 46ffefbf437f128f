namespace PortraitStream.Server.Pipeline.Control;

// Public, unlike the rest of the server: test theories take it as a parameter, and xunit runs public methods only.
/// <summary>
/// Which sampler renders a view: <see cref="Live"/>, the real-time one (<see cref="Renderer.LiveSampling"/>: occupancy
/// grid, surface march, deferred shading), or <see cref="Reference"/>, EG3D's stratified + importance sampler.
/// </summary>
public enum SamplerQuality
{
    Live,
    Reference,
}
