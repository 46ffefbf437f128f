namespace PortraitStream.Renderer;

/// <summary>
/// Renders a triplane radiance field from a viewpoint into a caller-owned target. Implementations: the CPU reference
/// (<see cref="CpuVolumeRenderer"/>) and the Vulkan compute renderer, which must match it to tolerance.
/// Both validate with <see cref="RenderRequest.Validate"/> and throw <see cref="ArgumentException"/> before any work.
/// </summary>
public interface IVolumeRenderer
{
    /// <summary>A short name for logs and stats ("cpu", "vulkan").</summary>
    string Name { get; }

    void Render(RenderRequest request, RenderTarget target);

    /// <summary>
    /// Does the part of <paramref name="request"/>'s render that does not depend on its view, ahead of it — loading the
    /// planes and decoder (on the GPU: uploading and repacking them) and, live, building the occupancy grid — so that
    /// the render of the same field
    /// right after (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>) starts from a view chosen only then: the live
    /// pipeline reads a viewer's newest pose after this, so the pose is younger when its frame is sent (issue #15's
    /// pose-to-photon). The request's view and style are not used. A renderer without such work does nothing.
    /// </summary>
    void PrepareField(RenderRequest request)
    {
    }
}
