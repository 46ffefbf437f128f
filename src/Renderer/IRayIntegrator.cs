using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Compositing;
using PortraitStream.Renderer.Sampling;

namespace PortraitStream.Renderer;

/// <summary>One ray through the reference sampler: <see cref="RayIntegrator"/>, or <see cref="SkippingRayIntegrator"/>, which gives the same picture with fewer field queries.</summary>
internal interface IRayIntegrator
{
    CompositedRay Integrate(in Ray ray, RaySegment segment, uint pixel, RayScratch scratch);
}
